-- senior_representation: METRICS.md "Representation" (senior grades) and
-- "Confidence interval". Two measures, always named apart:
--   percent_of_senior          = the group's share of senior posts;
--   percent_of_group_in_senior = the share of the group holding a senior post.
-- significant: the 95% Wilson interval of percent_of_senior excludes the
-- group's share of all staff.
WITH graded AS (
    SELECT DISTINCT snapshot_date FROM run_staff WHERE grade IS NOT NULL
),
counts AS (
    SELECT snapshot_date, characteristic, category, count(*) AS n, count(*) FILTER (WHERE senior) AS s
    FROM staff_long
    -- a list, not IN (subquery): DuckDB would build the semi-join's hash
    -- table on every person's rows rather than on the few dates
    WHERE list_contains((SELECT list(snapshot_date) FROM graded), snapshot_date)
    GROUP BY ALL
),
present AS (
    SELECT DISTINCT snapshot_date, characteristic FROM counts
),
cells AS (
    SELECT p.snapshot_date, p.characteristic, c.category, c.ord,
           coalesce(n.n, 0) AS n, coalesce(n.s, 0) AS s
    FROM present AS p
    JOIN categories AS c ON c.characteristic = p.characteristic
    LEFT JOIN counts AS n
        ON n.snapshot_date = p.snapshot_date AND n.characteristic = p.characteristic AND n.category = c.category
),
totals AS (
    SELECT snapshot_date, characteristic, sum(s) AS senior_total, sum(n) AS total
    FROM cells
    GROUP BY ALL
),
shares AS (
    SELECT
        c.*,
        t.senior_total,
        t.total,
        100.0 * c.n / t.total AS staff_share,
        wilson_low(c.s, t.senior_total) AS lo,
        wilson_high(c.s, t.senior_total) AS hi
    FROM cells AS c
    JOIN totals AS t USING (snapshot_date, characteristic)
)
SELECT
    snapshot_date,
    characteristic,
    category,
    s AS senior_headcount,
    senior_total,
    CASE WHEN senior_total = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * s / senior_total END AS percent_of_senior,
    n AS group_total,
    CASE WHEN n = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * s / n END AS percent_of_group_in_senior,
    staff_share AS percent_of_all_staff,
    lo AS ci_low,
    hi AS ci_high,
    CASE
        WHEN senior_total = 0 OR n = 0 THEN NULL
        -- The tolerance keeps rounding error at an interval's edge (a
        -- Wilson bound of 2e-15 for a count of 0) from counting as a difference.
        WHEN staff_share < lo - 1e-9 OR staff_share > hi + 1e-9 THEN 'Yes'
        ELSE 'No'
    END AS significant
FROM shares
JOIN characteristic_order AS o USING (characteristic)
ORDER BY snapshot_date, o.ord, shares.ord;
