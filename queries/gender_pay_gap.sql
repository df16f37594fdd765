-- gender_pay_gap: METRICS.md "Gender pay gap (statutory)" — the six figures
-- of the Equality Act 2010 (Specific Duties and Public Authorities)
-- Regulations 2017, Schedule 1, with the government's column names, at
-- every snapshot with pay data.
--   Hourly gaps: (men's mean (median) − women's) ÷ men's × 100 over
--   full-pay relevant employees. Bonus gaps: the same over relevant
--   employees paid a bonus. Bonus proportions: paid a bonus ÷ relevant
--   employees of that sex. Quartiles: full-pay relevant employees ranked by
--   hourly pay cut into four positional bands (sizes differ by at most one,
--   extra places to the lowest bands); people on a rate that straddles a
--   boundary are spread over the bands it spans in the proportion of men and
--   women at that rate (regulation 13(2)).
-- NaN ([x]) where a figure cannot be formed: no man or no woman paid a
-- bonus, or no bonus data.
WITH relevant AS (
    SELECT snapshot_date, sex, hourly_pay, bonus_pay, coalesce(full_pay_relevant, true) AS full_pay
    FROM run_staff
    WHERE sex IN ('Female', 'Male')
),
full_pay AS (
    SELECT snapshot_date, sex, hourly_pay FROM relevant WHERE full_pay AND hourly_pay IS NOT NULL
),
snapshots AS (
    SELECT DISTINCT snapshot_date FROM full_pay
),
hourly AS (
    SELECT
        snapshot_date,
        avg(hourly_pay) FILTER (WHERE sex = 'Male') AS male_mean,
        avg(hourly_pay) FILTER (WHERE sex = 'Female') AS female_mean,
        median(hourly_pay) FILTER (WHERE sex = 'Male') AS male_median,
        median(hourly_pay) FILTER (WHERE sex = 'Female') AS female_median,
        count(*) FILTER (WHERE sex = 'Male') AS male_n,
        count(*) FILTER (WHERE sex = 'Female') AS female_n
    FROM full_pay
    GROUP BY snapshot_date
),
bonus AS (
    SELECT
        snapshot_date,
        count(bonus_pay) AS with_bonus_data,
        avg(bonus_pay) FILTER (WHERE sex = 'Male' AND bonus_pay > 0) AS male_mean,
        avg(bonus_pay) FILTER (WHERE sex = 'Female' AND bonus_pay > 0) AS female_mean,
        median(bonus_pay) FILTER (WHERE sex = 'Male' AND bonus_pay > 0) AS male_median,
        median(bonus_pay) FILTER (WHERE sex = 'Female' AND bonus_pay > 0) AS female_median,
        count(*) FILTER (WHERE sex = 'Male' AND bonus_pay > 0) AS male_paid,
        count(*) FILTER (WHERE sex = 'Female' AND bonus_pay > 0) AS female_paid,
        count(*) FILTER (WHERE sex = 'Male') AS male_relevant,
        count(*) FILTER (WHERE sex = 'Female') AS female_relevant
    FROM relevant
    GROUP BY snapshot_date
),
rates AS (
    SELECT
        snapshot_date,
        hourly_pay,
        count(*) AS n,
        count(*) FILTER (WHERE sex = 'Male') AS men,
        count(*) FILTER (WHERE sex = 'Female') AS women
    FROM full_pay
    GROUP BY snapshot_date, hourly_pay
),
positions AS (
    -- Each rate occupies positions [first, last) of the ranked list.
    SELECT
        *,
        sum(n) OVER (PARTITION BY snapshot_date ORDER BY hourly_pay ROWS UNBOUNDED PRECEDING) - n AS first,
        sum(n) OVER (PARTITION BY snapshot_date ORDER BY hourly_pay ROWS UNBOUNDED PRECEDING) AS last
    FROM rates
),
bands AS (
    SELECT
        h.snapshot_date,
        q.i AS quartile,
        (h.male_n + h.female_n) // 4 * q.i + least(q.i, (h.male_n + h.female_n) % 4) AS band_start,
        (h.male_n + h.female_n) // 4 * (q.i + 1) + least(q.i + 1, (h.male_n + h.female_n) % 4) AS band_end
    FROM hourly AS h
    CROSS JOIN range(4) AS q(i)
),
quartiles AS (
    SELECT
        b.snapshot_date,
        b.quartile,
        b.band_end - b.band_start AS size,
        sum(greatest(0, least(p.last, b.band_end) - greatest(p.first, b.band_start)) * p.men / p.n) AS men,
        sum(greatest(0, least(p.last, b.band_end) - greatest(p.first, b.band_start)) * p.women / p.n) AS women
    FROM bands AS b
    JOIN positions AS p ON p.snapshot_date = b.snapshot_date
    GROUP BY b.snapshot_date, b.quartile, b.band_start, b.band_end
),
shares AS (
    SELECT
        snapshot_date,
        max(CASE WHEN quartile = 0 THEN 100.0 * men / size END) AS male_q1,
        max(CASE WHEN quartile = 0 THEN 100.0 * women / size END) AS female_q1,
        max(CASE WHEN quartile = 1 THEN 100.0 * men / size END) AS male_q2,
        max(CASE WHEN quartile = 1 THEN 100.0 * women / size END) AS female_q2,
        max(CASE WHEN quartile = 2 THEN 100.0 * men / size END) AS male_q3,
        max(CASE WHEN quartile = 2 THEN 100.0 * women / size END) AS female_q3,
        max(CASE WHEN quartile = 3 THEN 100.0 * men / size END) AS male_q4,
        max(CASE WHEN quartile = 3 THEN 100.0 * women / size END) AS female_q4
    FROM quartiles
    WHERE size > 0
    GROUP BY snapshot_date
)
SELECT
    s.snapshot_date,
    CASE WHEN h.male_n = 0 OR h.female_n = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * (h.male_mean - h.female_mean) / h.male_mean END AS DiffMeanHourlyPercent,
    CASE WHEN h.male_n = 0 OR h.female_n = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * (h.male_median - h.female_median) / h.male_median END AS DiffMedianHourlyPercent,
    CASE WHEN b.male_paid = 0 OR b.female_paid = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * (b.male_mean - b.female_mean) / b.male_mean END AS DiffMeanBonusPercent,
    CASE WHEN b.male_paid = 0 OR b.female_paid = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * (b.male_median - b.female_median) / b.male_median END AS DiffMedianBonusPercent,
    CASE WHEN b.with_bonus_data = 0 OR b.male_relevant = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * b.male_paid / b.male_relevant END AS MaleBonusPercent,
    CASE WHEN b.with_bonus_data = 0 OR b.female_relevant = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * b.female_paid / b.female_relevant END AS FemaleBonusPercent,
    coalesce(q.male_q1, 'NaN'::DOUBLE) AS MaleLowerQuartile,
    coalesce(q.female_q1, 'NaN'::DOUBLE) AS FemaleLowerQuartile,
    coalesce(q.male_q2, 'NaN'::DOUBLE) AS MaleLowerMiddleQuartile,
    coalesce(q.female_q2, 'NaN'::DOUBLE) AS FemaleLowerMiddleQuartile,
    coalesce(q.male_q3, 'NaN'::DOUBLE) AS MaleUpperMiddleQuartile,
    coalesce(q.female_q3, 'NaN'::DOUBLE) AS FemaleUpperMiddleQuartile,
    coalesce(q.male_q4, 'NaN'::DOUBLE) AS MaleTopQuartile,
    coalesce(q.female_q4, 'NaN'::DOUBLE) AS FemaleTopQuartile,
    h.male_n AS male_full_pay_relevant,
    h.female_n AS female_full_pay_relevant,
    CASE WHEN b.with_bonus_data = 0 THEN NULL ELSE b.male_paid END AS male_bonus_paid,
    CASE WHEN b.with_bonus_data = 0 THEN NULL ELSE b.female_paid END AS female_bonus_paid
FROM snapshots AS s
JOIN hourly AS h USING (snapshot_date)
JOIN bonus AS b USING (snapshot_date)
LEFT JOIN shares AS q USING (snapshot_date)
ORDER BY s.snapshot_date;
