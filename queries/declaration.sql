-- declaration: METRICS.md "Populations and missing values" —
-- declaration rate = declared ÷ total × 100, where declared leaves out
-- Prefer not to say and Not known.
WITH counts AS (
    SELECT snapshot_date, characteristic, category, count(*) AS n
    FROM staff_long
    GROUP BY ALL
),
rates AS (
    SELECT
        snapshot_date,
        characteristic,
        sum(n) AS total,
        coalesce(sum(n) FILTER (WHERE category NOT IN ('Prefer not to say', 'Not known')), 0) AS declared,
        coalesce(sum(n) FILTER (WHERE category = 'Prefer not to say'), 0) AS prefer_not_to_say,
        coalesce(sum(n) FILTER (WHERE category = 'Not known'), 0) AS not_known
    FROM counts
    GROUP BY ALL
)
SELECT
    r.snapshot_date,
    r.characteristic,
    r.total,
    r.declared,
    r.prefer_not_to_say,
    r.not_known,
    100.0 * r.declared / r.total AS declaration_rate
FROM rates AS r
JOIN characteristic_order AS o USING (characteristic)
ORDER BY r.snapshot_date, o.ord;
