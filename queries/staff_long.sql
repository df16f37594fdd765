-- staff_long: the long form every representation table reads — one row per
-- person, characteristic and category at every snapshot, with the grade's
-- rank and whether it is senior. Derived characteristics (age band, ethnic
-- group, ethnic minority, LGB+) come from the run's mapping tables, so that
-- a change of pipeline settings needs no reload. A characteristic the
-- snapshot's file had no column for is NULL and drops out of the UNPIVOT.
CREATE OR REPLACE TEMP VIEW staff_long AS
WITH s AS (
    SELECT
        st.snapshot_date,
        st.person_key,
        st.grade,
        st.hourly_pay,
        st.bonus_pay,
        coalesce(st.full_pay_relevant, true) AS full_pay_relevant,
        g.grade_rank,
        coalesce(g.senior, false) AS senior,
        st.sex,
        CASE
            WHEN st.age IS NULL THEN NULL
            WHEN st.age < 0 THEN 'Not known'
            ELSE coalesce(ab.label, 'Not known')
        END AS age_band,
        st.ethnicity,
        em.ethnic_group,
        em.ethnic_minority,
        st.disability,
        st.religion,
        st.sexual_orientation,
        lm.lgb,
        st.gender_identity,
        st.marital_status,
        st.pregnancy_maternity,
        st.carer
    FROM run_staff AS st
    LEFT JOIN grade_order AS g ON g.grade = st.grade
    LEFT JOIN ethnic_map AS em ON em.ethnicity = st.ethnicity
    LEFT JOIN lgb_map AS lm ON lm.sexual_orientation = st.sexual_orientation
    LEFT JOIN age_band_of AS ab ON ab.age = st.age
)
UNPIVOT s
ON sex, age_band, ethnicity, ethnic_group, ethnic_minority, disability, religion,
   sexual_orientation, lgb, gender_identity, marital_status, pregnancy_maternity, carer
INTO NAME characteristic VALUE category;
