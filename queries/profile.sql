-- profile: METRICS.md "Populations and missing values", "Representation"
-- (profile) and "Confidence interval" (Wilson score, 95%).
-- Every category of a characteristic the snapshot has is listed, with zero
-- where nobody is in it. percent uses all staff; percent_of_declared leaves
-- out Prefer not to say and Not known (NULL, i.e. [z], on those two rows).
WITH counts AS (
    SELECT snapshot_date, characteristic, category, count(*) AS n
    FROM staff_long
    GROUP BY ALL
),
present AS (
    SELECT DISTINCT snapshot_date, characteristic FROM counts
),
cells AS (
    SELECT p.snapshot_date, p.characteristic, c.category, c.ord, coalesce(n.n, 0) AS n
    FROM present AS p
    JOIN categories AS c ON c.characteristic = p.characteristic
    LEFT JOIN counts AS n
        ON n.snapshot_date = p.snapshot_date AND n.characteristic = p.characteristic AND n.category = c.category
),
totals AS (
    SELECT
        snapshot_date,
        characteristic,
        sum(n) AS total,
        sum(n) FILTER (WHERE category NOT IN ('Prefer not to say', 'Not known')) AS declared
    FROM cells
    GROUP BY ALL
)
SELECT
    c.snapshot_date,
    c.characteristic,
    c.category,
    c.n AS headcount,
    100.0 * c.n / t.total AS percent,
    CASE
        WHEN c.category IN ('Prefer not to say', 'Not known') THEN NULL
        WHEN t.declared = 0 THEN 'NaN'::DOUBLE
        ELSE 100.0 * c.n / t.declared
    END AS percent_of_declared,
    wilson_low(c.n, t.total) AS ci_low,
    wilson_high(c.n, t.total) AS ci_high
FROM cells AS c
JOIN totals AS t USING (snapshot_date, characteristic)
JOIN characteristic_order AS o USING (characteristic)
ORDER BY c.snapshot_date, o.ord, c.ord;
