-- action_plan: the equality action plan as supplied, with each action's
-- status as written and whether it is overdue: due before the as-of date
-- and not complete.
SELECT
    priority,
    outcome,
    action,
    lead,
    due AS due_date,
    status,
    measure,
    CASE
        WHEN due IS NULL THEN NULL
        WHEN due < (SELECT as_of FROM run) AND NOT regexp_matches(lower(coalesce(status, '')), 'complete|done|achieved|closed') THEN 'Yes'
        ELSE 'No'
    END AS overdue
FROM actions
WHERE source = (SELECT source FROM run_sources WHERE kind = 'action_plan')
ORDER BY row_number;
