-- recruitment: METRICS.md "Employment monitoring" (Recruitment) — per
-- category, applications in the period by the furthest stage reached
-- (cumulative), shortlist_rate = shortlisted ÷ applied × 100,
-- appointment_rate = appointed ÷ shortlisted × 100 (NHS WRES indicator 2
-- base), relative_likelihood = the reference category's appointment rate ÷
-- this category's (> 1: this category less likely to be appointed from
-- shortlisting), adverse_impact when the appointment rate is below
-- four-fifths of the highest declared category's (29 CFR 1607.4(D)).
WITH counts AS (
    SELECT
        characteristic,
        category,
        count(*) AS applied,
        count(*) FILTER (WHERE stage_rank(stage) >= 2) AS shortlisted,
        count(*) FILTER (WHERE stage_rank(stage) = 3) AS appointed
    FROM events_long
    WHERE kind = 'recruitment'
    GROUP BY ALL
),
rates AS (
    SELECT
        *,
        CASE WHEN applied = 0 THEN NULL ELSE 100.0 * shortlisted / applied END AS shortlist_rate,
        CASE WHEN shortlisted = 0 THEN NULL ELSE 100.0 * appointed / shortlisted END AS appointment_rate
    FROM counts
),
best AS (
    SELECT characteristic, max(appointment_rate) AS best_rate
    FROM rates
    WHERE category NOT IN ('Prefer not to say', 'Not known')
    GROUP BY ALL
)
SELECT
    (SELECT label FROM run_period) AS period,
    r.characteristic,
    r.category,
    r.applied,
    r.shortlisted,
    r.appointed,
    coalesce(r.shortlist_rate, 'NaN'::DOUBLE) AS shortlist_rate,
    coalesce(r.appointment_rate, 'NaN'::DOUBLE) AS appointment_rate,
    CASE
        WHEN ref.reference IS NULL OR r.category = ref.reference THEN NULL
        WHEN rr.appointment_rate IS NULL OR r.appointment_rate IS NULL OR r.appointment_rate = 0 THEN 'NaN'::DOUBLE
        ELSE rr.appointment_rate / r.appointment_rate
    END AS relative_likelihood,
    CASE
        WHEN r.category IN ('Prefer not to say', 'Not known') OR r.appointment_rate IS NULL THEN NULL
        WHEN r.appointment_rate < 0.8 * b.best_rate THEN 'Yes'
        ELSE 'No'
    END AS adverse_impact,
    ref.reference AS reference_category
FROM rates AS r
LEFT JOIN reference AS ref ON ref.characteristic = r.characteristic
LEFT JOIN rates AS rr ON rr.characteristic = r.characteristic AND rr.category = ref.reference
LEFT JOIN best AS b ON b.characteristic = r.characteristic
JOIN characteristic_order AS o ON o.characteristic = r.characteristic
LEFT JOIN categories AS c ON c.characteristic = r.characteristic AND c.category = r.category
ORDER BY o.ord, c.ord, r.category;
