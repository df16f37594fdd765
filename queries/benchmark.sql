-- benchmark: METRICS.md "Representation" (representation ratio) —
-- workforce percent_of_declared ÷ the population share of the category,
-- where the population share leaves out the census's own missing
-- categories. 1.00 is parity. At the as-of snapshot.
WITH as_of_staff AS (
    SELECT characteristic, category, count(*) AS n
    FROM staff_long
    WHERE snapshot_date = (SELECT as_of FROM run)
      AND category NOT IN ('Prefer not to say', 'Not known')
    GROUP BY ALL
),
declared AS (
    SELECT characteristic, sum(n) AS declared FROM as_of_staff GROUP BY ALL
)
SELECT
    (SELECT as_of FROM run) AS snapshot_date,
    p.characteristic,
    p.category,
    100.0 * coalesce(a.n, 0) / d.declared AS workforce_percent,
    p.percent AS population_percent,
    CASE WHEN p.percent = 0 THEN 'NaN'::DOUBLE ELSE (100.0 * coalesce(a.n, 0) / d.declared) / p.percent END AS representation_ratio,
    p.base AS population_base,
    coalesce(a.n, 0) AS headcount
FROM population AS p
JOIN declared AS d ON d.characteristic = p.characteristic
LEFT JOIN as_of_staff AS a ON a.characteristic = p.characteristic AND a.category = p.category
JOIN characteristic_order AS o ON o.characteristic = p.characteristic
LEFT JOIN categories AS c ON c.characteristic = p.characteristic AND c.category = p.category
ORDER BY o.ord, c.ord, p.category;
