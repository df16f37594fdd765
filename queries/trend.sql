-- trend: METRICS.md "Representation" over every snapshot — each
-- category's share of all staff (scope all) and of senior staff (scope
-- senior, for snapshots with grades).
WITH observed AS (
    SELECT snapshot_date, characteristic, category, count(*) AS n, count(*) FILTER (WHERE senior) AS s
    FROM staff_long
    GROUP BY ALL
),
counts AS (
    -- Every category of a characteristic the snapshot has, zero included, so
    -- that disclosure control can pair a small count with an empty category.
    SELECT p.snapshot_date, p.characteristic, c.category, coalesce(o.n, 0) AS n, coalesce(o.s, 0) AS s
    FROM (SELECT DISTINCT snapshot_date, characteristic FROM observed) AS p
    JOIN categories AS c ON c.characteristic = p.characteristic
    LEFT JOIN observed AS o ON o.snapshot_date = p.snapshot_date AND o.characteristic = p.characteristic AND o.category = c.category
),
totals AS (
    SELECT snapshot_date, characteristic, sum(n) AS total, sum(s) AS senior_total
    FROM counts
    GROUP BY ALL
),
graded AS (
    SELECT DISTINCT snapshot_date FROM run_staff WHERE grade IS NOT NULL
),
scoped AS (
    SELECT snapshot_date, characteristic, category, 'all' AS scope, 100.0 * n / total AS percent, n AS headcount
    FROM counts JOIN totals USING (snapshot_date, characteristic)
    UNION ALL
    SELECT snapshot_date, characteristic, category, 'senior', 100.0 * s / senior_total, s
    FROM counts JOIN totals USING (snapshot_date, characteristic)
    WHERE senior_total > 0 AND snapshot_date IN (SELECT snapshot_date FROM graded)
)
SELECT s.snapshot_date, s.characteristic, s.category, s.scope, s.percent, s.headcount
FROM scoped AS s
JOIN characteristic_order AS o USING (characteristic)
LEFT JOIN categories AS c ON c.characteristic = s.characteristic AND c.category = s.category
ORDER BY o.ord, c.ord, s.category, s.scope, s.snapshot_date;
