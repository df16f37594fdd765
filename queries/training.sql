-- training: METRICS.md "Employment monitoring" (Training, non-mandatory) —
-- applications and courses received in the period per category;
-- received_rate = received ÷ the category's average headcount × 100;
-- relative_likelihood = the reference category's rate ÷ this category's
-- (NHS WRES indicator 4 direction: > 1 means this category is less likely
-- to receive training).
WITH counts AS (
    SELECT
        characteristic,
        category,
        count(*) AS applied,
        count(*) FILTER (WHERE regexp_matches(lower(coalesce(status, '')), 'receiv|complet|attend')) AS received
    FROM events_long
    WHERE kind = 'training'
    GROUP BY ALL
),
rates AS (
    SELECT
        c.*,
        coalesce(h.average_headcount, 0) AS headcount,
        CASE WHEN coalesce(h.average_headcount, 0) = 0 THEN NULL ELSE 100.0 * c.received / h.average_headcount END AS rate
    FROM counts AS c
    LEFT JOIN category_headcount AS h USING (characteristic, category)
)
SELECT
    (SELECT label FROM run_period) AS period,
    r.characteristic,
    r.category,
    r.applied,
    r.received,
    r.headcount,
    coalesce(r.rate, 'NaN'::DOUBLE) AS received_rate,
    CASE
        WHEN ref.reference IS NULL OR r.category = ref.reference THEN NULL
        WHEN rr.rate IS NULL OR r.rate IS NULL OR r.rate = 0 THEN 'NaN'::DOUBLE
        ELSE rr.rate / r.rate
    END AS relative_likelihood,
    ref.reference AS reference_category
FROM rates AS r
LEFT JOIN reference AS ref ON ref.characteristic = r.characteristic
LEFT JOIN rates AS rr ON rr.characteristic = r.characteristic AND rr.category = ref.reference
JOIN characteristic_order AS o ON o.characteristic = r.characteristic
LEFT JOIN categories AS c ON c.characteristic = r.characteristic AND c.category = r.category
ORDER BY o.ord, c.ord, r.category;
