-- staff_survey: METRICS.md "Employment monitoring" (Staff survey) — per
-- item and category, the % of respondents answering the item who agree or
-- strongly agree, and the category's response rate: responses ÷ the
-- category's headcount at the closing snapshot × 100. Items about
-- bullying, harassment or discrimination are marked: agreeing with them is
-- unfavourable.
WITH responses AS (
    SELECT characteristic, category, event_key FROM events_long WHERE kind = 'staff_survey'
),
answers AS (
    SELECT
        a.item,
        a.item_order,
        r.characteristic,
        r.category,
        count(*) FILTER (WHERE trim(coalesce(a.answer, '')) <> '') AS respondents,
        count(*) FILTER (WHERE regexp_replace(lower(coalesce(a.answer, '')), '[^a-z]', '', 'g') IN ('agree', 'stronglyagree')) AS positive
    FROM survey_answers AS a
    JOIN responses AS r ON r.event_key = a.response_key
    WHERE a.source = (SELECT source FROM run_sources WHERE kind = 'staff_survey')
    GROUP BY ALL
),
per_category AS (
    SELECT characteristic, category, count(*) AS responses FROM responses GROUP BY ALL
)
SELECT
    (SELECT label FROM run_period) AS period,
    a.item,
    a.characteristic,
    a.category,
    p.responses,
    a.respondents,
    a.positive,
    CASE WHEN a.respondents = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * a.positive / a.respondents END AS positive_percent,
    h.closing AS workforce_headcount,
    CASE WHEN coalesce(h.closing, 0) = 0 THEN 'NaN'::DOUBLE ELSE 100.0 * p.responses / h.closing END AS response_rate,
    -- Agreeing with an item about bullying, harassment or discrimination is
    -- a bad outcome: its "positive" answers are not good news.
    CASE WHEN regexp_matches(lower(a.item), 'bull|harass|discriminat|abuse|violen') THEN 'No' ELSE 'Yes' END AS agree_is_favourable
FROM answers AS a
JOIN per_category AS p USING (characteristic, category)
LEFT JOIN category_headcount AS h USING (characteristic, category)
JOIN characteristic_order AS o ON o.characteristic = a.characteristic
LEFT JOIN categories AS c ON c.characteristic = a.characteristic AND c.category = a.category
ORDER BY a.item_order, o.ord, c.ord, a.category;
