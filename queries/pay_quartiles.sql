-- pay_quartiles: METRICS.md "Gender pay gap (statutory)" quartiles applied
-- to other characteristics — full-pay relevant employees at the as-of
-- snapshot ranked by hourly pay and cut into four positional bands (sizes
-- differ by at most one, extra places to the lowest bands); people on a
-- rate that straddles a boundary are spread over the bands it spans in the
-- proportion of each category at that rate (regulation 13(2)).
WITH fp AS (
    SELECT characteristic, category, hourly_pay
    FROM staff_long
    WHERE snapshot_date = (SELECT as_of FROM run)
      AND hourly_pay IS NOT NULL AND full_pay_relevant
      AND characteristic IN ('sex', 'ethnic_minority', 'ethnic_group', 'disability')
),
total AS (
    SELECT characteristic, count(*) AS n FROM fp GROUP BY ALL
),
rates AS (
    SELECT characteristic, hourly_pay, count(*) AS n FROM fp GROUP BY ALL
),
positions AS (
    SELECT
        *,
        sum(n) OVER (PARTITION BY characteristic ORDER BY hourly_pay ROWS UNBOUNDED PRECEDING) - n AS first,
        sum(n) OVER (PARTITION BY characteristic ORDER BY hourly_pay ROWS UNBOUNDED PRECEDING) AS last
    FROM rates
),
at_rate AS (
    SELECT characteristic, hourly_pay, category, count(*) AS k FROM fp GROUP BY ALL
),
bands AS (
    SELECT t.characteristic, q.i AS quartile,
           t.n // 4 * q.i + least(q.i, t.n % 4) AS band_start,
           t.n // 4 * (q.i + 1) + least(q.i + 1, t.n % 4) AS band_end
    FROM total AS t CROSS JOIN range(4) AS q(i)
),
spread AS (
    SELECT b.characteristic, b.quartile, b.band_end - b.band_start AS size, a.category,
           sum(greatest(0, least(p.last, b.band_end) - greatest(p.first, b.band_start)) * a.k / p.n) AS people
    FROM bands AS b
    JOIN positions AS p ON p.characteristic = b.characteristic
    JOIN at_rate AS a ON a.characteristic = p.characteristic AND a.hourly_pay = p.hourly_pay
    GROUP BY ALL
),
cells AS (
    SELECT b.characteristic, b.quartile, b.band_end - b.band_start AS size, c.category, c.ord
    FROM bands AS b
    JOIN categories AS c ON c.characteristic = b.characteristic
    WHERE c.category IN (SELECT DISTINCT category FROM fp WHERE fp.characteristic = b.characteristic)
)
SELECT
    (SELECT as_of FROM run) AS snapshot_date,
    c.characteristic,
    c.category,
    ['Lower', 'Lower middle', 'Upper middle', 'Top'][c.quartile + 1] AS quartile,
    round(coalesce(s.people, 0)) AS headcount,
    CASE WHEN c.size = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * coalesce(s.people, 0) / c.size END AS percent
FROM cells AS c
LEFT JOIN spread AS s ON s.characteristic = c.characteristic AND s.quartile = c.quartile AND s.category = c.category
JOIN characteristic_order AS o ON o.characteristic = c.characteristic
ORDER BY o.ord, c.quartile, c.ord;
