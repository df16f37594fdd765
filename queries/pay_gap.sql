-- pay_gap: METRICS.md "Other pay gaps (ethnicity, disability)" — the
-- gender pay gap formulas for each category against the reference
-- category: (reference mean (median) − category mean (median)) ÷ reference
-- mean (median) × 100, over full-pay relevant employees at the as-of
-- snapshot, with the characteristic's declaration rate among them.
-- The reference row's own gaps are NULL ([z]).
WITH fp AS (
    SELECT characteristic, category, hourly_pay
    FROM staff_long
    WHERE snapshot_date = (SELECT as_of FROM run)
      AND hourly_pay IS NOT NULL AND full_pay_relevant
      AND characteristic IN ('ethnic_minority', 'ethnic_group', 'disability')
),
by_category AS (
    SELECT characteristic, category, count(*) AS n, avg(hourly_pay) AS mean_pay, median(hourly_pay) AS median_pay
    FROM fp
    GROUP BY ALL
),
declared AS (
    -- from by_category, not a second reading of fp, which would have DuckDB
    -- hold every person's rows in memory
    SELECT characteristic,
           100.0 * coalesce(sum(n) FILTER (WHERE category NOT IN ('Prefer not to say', 'Not known')), 0)::BIGINT / sum(n)::BIGINT AS rate
    FROM by_category
    GROUP BY ALL
)
SELECT
    (SELECT as_of FROM run) AS snapshot_date,
    c.characteristic,
    c.category,
    r.reference AS reference_category,
    c.n AS headcount,
    CASE WHEN c.category = r.reference THEN NULL
         WHEN ref.n IS NULL THEN 'NaN'::DOUBLE
         ELSE 100.0 * (ref.mean_pay - c.mean_pay) / ref.mean_pay END AS mean_hourly_gap_percent,
    CASE WHEN c.category = r.reference THEN NULL
         WHEN ref.n IS NULL THEN 'NaN'::DOUBLE
         ELSE 100.0 * (ref.median_pay - c.median_pay) / ref.median_pay END AS median_hourly_gap_percent,
    d.rate AS declaration_rate
FROM by_category AS c
JOIN reference AS r USING (characteristic)
JOIN declared AS d USING (characteristic)
LEFT JOIN by_category AS ref ON ref.characteristic = c.characteristic AND ref.category = r.reference
JOIN characteristic_order AS o ON o.characteristic = c.characteristic
LEFT JOIN categories AS k ON k.characteristic = c.characteristic AND k.category = c.category
ORDER BY o.ord, k.ord, c.category;
