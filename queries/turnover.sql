-- turnover: METRICS.md "Employment monitoring" (Turnover) — leavers in the
-- period ÷ the category's average headcount (mean of its headcount at the
-- opening and closing snapshots of the period) × 100, with starters beside
-- it. Characteristics are those the leavers' file records.
WITH moves AS (
    SELECT
        characteristic,
        category,
        count(*) FILTER (WHERE kind = 'starters') AS starters,
        count(*) FILTER (WHERE kind = 'leavers') AS leavers
    FROM events_long
    WHERE kind IN ('starters', 'leavers')
    GROUP BY ALL
),
recorded AS (
    -- from moves, not a second reading of events_long
    SELECT DISTINCT characteristic FROM moves WHERE leavers > 0
),
headcount AS MATERIALIZED (
    -- read once: each mention of the view would count staff_long again
    SELECT * FROM category_headcount
),
cells AS (
    SELECT characteristic, category FROM moves
    UNION
    SELECT characteristic, category FROM headcount WHERE characteristic IN (SELECT characteristic FROM recorded)
)
SELECT
    (SELECT label FROM run_period) AS period,
    x.characteristic,
    x.category,
    coalesce(m.starters, 0) AS starters,
    coalesce(m.leavers, 0) AS leavers,
    coalesce(h.average_headcount, 0) AS average_headcount,
    CASE WHEN coalesce(h.average_headcount, 0) = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * coalesce(m.leavers, 0) / h.average_headcount END AS turnover_rate
FROM cells AS x
LEFT JOIN moves AS m USING (characteristic, category)
LEFT JOIN headcount AS h USING (characteristic, category)
JOIN characteristic_order AS o ON o.characteristic = x.characteristic
LEFT JOIN categories AS c ON c.characteristic = x.characteristic AND c.category = x.category
WHERE x.characteristic IN (SELECT characteristic FROM recorded)
ORDER BY o.ord, c.ord, x.category;
