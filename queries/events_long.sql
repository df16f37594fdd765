-- events_long: the monitoring events of the run's files — applications,
-- starters, leavers, cases, training and survey responses — in its period
-- (survey responses have no date and all count), one row per event,
-- characteristic and category, derived characteristics included.
CREATE OR REPLACE TEMP VIEW events_long AS
WITH e AS (
    SELECT
        ev.kind,
        ev.event_key,
        ev.event_date,
        ev.stage,
        ev.case_type,
        ev.outcome,
        ev.course,
        ev.status,
        ev.reason,
        ev.sex,
        CASE
            WHEN ev.age_band IS NOT NULL THEN ev.age_band
            WHEN ev.age IS NULL THEN NULL
            WHEN ev.age < 0 THEN 'Not known'
            ELSE coalesce(ab.label, 'Not known')
        END AS age_band,
        ev.ethnicity,
        em.ethnic_group,
        em.ethnic_minority,
        ev.disability,
        ev.religion,
        ev.sexual_orientation,
        lm.lgb,
        ev.gender_identity,
        ev.marital_status,
        ev.pregnancy_maternity,
        ev.carer
    FROM run_events AS ev
    LEFT JOIN ethnic_map AS em ON em.ethnicity = ev.ethnicity
    LEFT JOIN lgb_map AS lm ON lm.sexual_orientation = ev.sexual_orientation
    LEFT JOIN age_band_of AS ab ON ab.age = ev.age
)
UNPIVOT e
ON sex, age_band, ethnicity, ethnic_group, ethnic_minority, disability, religion,
   sexual_orientation, lgb, gender_identity, marital_status, pregnancy_maternity, carer
INTO NAME characteristic VALUE category;

-- stage_rank: METRICS.md "Recruitment" — stages are cumulative: appointed
-- (3) counts as shortlisted and applied; interviewed and offered count as
-- shortlisted (2); withdrawn and applied count as applied only (1).
CREATE OR REPLACE TEMP MACRO stage_rank(s) AS
    CASE regexp_replace(lower(coalesce(s, '')), '[^a-z]', '', 'g')
        WHEN 'appointed' THEN 3 WHEN 'hired' THEN 3 WHEN 'started' THEN 3
        WHEN 'offered' THEN 2 WHEN 'offer' THEN 2 WHEN 'interviewed' THEN 2 WHEN 'interview' THEN 2
        WHEN 'shortlisted' THEN 2
        ELSE 1
    END;

-- case_type_name: the four case types of METRICS.md "Casework" as written
-- by HR systems; anything else is kept as written.
CREATE OR REPLACE TEMP MACRO case_type_name(s) AS
    CASE
        WHEN regexp_matches(lower(s), 'bully|harass') THEN 'Bullying and harassment'
        WHEN regexp_matches(lower(s), 'grievance') THEN 'Grievance'
        WHEN regexp_matches(lower(s), 'disciplin|conduct') THEN 'Disciplinary'
        WHEN regexp_matches(lower(s), 'capab|performance|attendance|sickness') THEN 'Capability'
        ELSE coalesce(trim(s), 'Not known')
    END;

-- category_headcount: each category's headcount at the opening and closing
-- snapshots of the period, and their mean (METRICS.md "Turnover": the
-- average headcount).
CREATE OR REPLACE TEMP VIEW category_headcount AS
WITH counts AS (
    SELECT
        characteristic,
        category,
        count(*) FILTER (WHERE snapshot_date = (SELECT opening FROM run_period)) AS opening,
        count(*) FILTER (WHERE snapshot_date = (SELECT closing FROM run_period)) AS closing
    FROM staff_long
    GROUP BY ALL
)
SELECT
    characteristic,
    category,
    CASE
        WHEN (SELECT opening FROM run_period) IS NULL THEN closing
        WHEN (SELECT closing FROM run_period) IS NULL THEN opening
        ELSE (opening + closing) / 2.0
    END AS average_headcount,
    closing
FROM counts;
