-- action_plan_summary: the action plan's actions counted by status, with
-- how many of each are overdue (due before the as-of date and not complete).
WITH a AS (
    SELECT
        coalesce(nullif(trim(status), ''), 'Not known') AS status,
        due IS NOT NULL AND due < (SELECT as_of FROM run)
            AND NOT regexp_matches(lower(coalesce(status, '')), 'complete|done|achieved|closed') AS overdue
    FROM actions
    WHERE source = (SELECT source FROM run_sources WHERE kind = 'action_plan')
)
SELECT status, count(*) AS actions, count(*) FILTER (WHERE overdue) AS overdue
FROM a
GROUP BY status
ORDER BY count(*) DESC, status;
