-- representation_by_grade: METRICS.md "Representation" (by grade) — for
-- each grade, the category's share of that grade's headcount. Grades in the
-- pipeline's order (else natural order), at the as-of snapshot.
WITH as_of_staff AS (
    SELECT * FROM staff_long
    WHERE snapshot_date = (SELECT as_of FROM run) AND grade IS NOT NULL
),
counts AS (
    SELECT characteristic, category, grade, count(*) AS n
    FROM as_of_staff
    GROUP BY ALL
),
present AS (
    -- from counts, not as_of_staff: a second reading of as_of_staff would
    -- have DuckDB hold every person's rows in memory
    SELECT DISTINCT characteristic FROM counts
),
grades AS (
    SELECT grade, count(*) AS grade_headcount
    FROM run_staff
    WHERE snapshot_date = (SELECT as_of FROM run) AND grade IS NOT NULL
    GROUP BY ALL
)
SELECT
    (SELECT as_of FROM run) AS snapshot_date,
    p.characteristic,
    c.category,
    g.grade,
    coalesce(n.n, 0) AS headcount,
    g.grade_headcount,
    100.0 * coalesce(n.n, 0) / g.grade_headcount AS percent_of_grade
FROM present AS p
JOIN categories AS c ON c.characteristic = p.characteristic
CROSS JOIN grades AS g
JOIN grade_order AS go ON go.grade = g.grade
JOIN characteristic_order AS o ON o.characteristic = p.characteristic
LEFT JOIN counts AS n ON n.characteristic = p.characteristic AND n.category = c.category AND n.grade = g.grade
ORDER BY o.ord, c.ord, go.grade_rank;
