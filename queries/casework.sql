-- casework: METRICS.md "Employment monitoring" (Casework) — cases opened in
-- the period per 100 staff of the category (its average headcount), by case
-- type; relative_likelihood = this category's rate ÷ the reference
-- category's (NHS WRES indicator 3 direction: > 1 means more likely to enter
-- the process). Characteristics are those the casework file records.
WITH cases AS (
    SELECT case_type_name(case_type) AS case_type, characteristic, category, count(*) AS cases
    FROM events_long
    WHERE kind = 'casework'
    GROUP BY ALL
),
types AS (
    SELECT DISTINCT case_type FROM cases
),
recorded AS (
    SELECT DISTINCT characteristic FROM cases
),
headcount AS MATERIALIZED (
    -- read once: each mention of the view would count staff_long again
    SELECT * FROM category_headcount
),
cells AS (
    SELECT t.case_type, h.characteristic, h.category
    FROM types AS t
    CROSS JOIN headcount AS h
    WHERE h.characteristic IN (SELECT characteristic FROM recorded)
    UNION
    SELECT case_type, characteristic, category FROM cases
),
rates AS (
    SELECT
        x.case_type,
        x.characteristic,
        x.category,
        coalesce(k.cases, 0) AS cases,
        coalesce(h.average_headcount, 0) AS headcount,
        CASE WHEN coalesce(h.average_headcount, 0) = 0 THEN NULL ELSE 100.0 * coalesce(k.cases, 0) / h.average_headcount END AS rate
    FROM cells AS x
    LEFT JOIN cases AS k USING (case_type, characteristic, category)
    LEFT JOIN headcount AS h USING (characteristic, category)
)
SELECT
    (SELECT label FROM run_period) AS period,
    r.case_type,
    r.characteristic,
    r.category,
    r.cases,
    r.headcount,
    coalesce(r.rate, 'NaN'::DOUBLE) AS rate_per_100,
    CASE
        WHEN ref.reference IS NULL OR r.category = ref.reference THEN NULL
        WHEN rr.rate IS NULL OR rr.rate = 0 OR r.rate IS NULL THEN 'NaN'::DOUBLE
        ELSE r.rate / rr.rate
    END AS relative_likelihood,
    ref.reference AS reference_category
FROM rates AS r
LEFT JOIN reference AS ref ON ref.characteristic = r.characteristic
LEFT JOIN rates AS rr ON rr.case_type = r.case_type AND rr.characteristic = r.characteristic AND rr.category = ref.reference
JOIN characteristic_order AS o ON o.characteristic = r.characteristic
LEFT JOIN categories AS c ON c.characteristic = r.characteristic AND c.category = r.category
ORDER BY r.case_type, o.ord, c.ord, r.category;
