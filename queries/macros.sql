-- macros: METRICS.md "Confidence interval" — the Wilson score interval,
-- 95% (z = 1.96, z² = 3.8416), as a percentage. With O the count and n the
-- denominator, q = 1 − O/n:
--   lower, upper = (2O + z² ∓ z·√(z² + 4·O·q)) ÷ (2(n + z²)).
CREATE OR REPLACE TEMP MACRO wilson_low(o, n) AS
    CASE WHEN n = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * (2 * o + 3.8416 - 1.96 * sqrt(3.8416 + 4 * o * (1 - o / n))) / (2 * (n + 3.8416)) END;
CREATE OR REPLACE TEMP MACRO wilson_high(o, n) AS
    CASE WHEN n = 0 THEN 'NaN'::DOUBLE
         ELSE 100.0 * (2 * o + 3.8416 + 1.96 * sqrt(3.8416 + 4 * o * (1 - o / n))) / (2 * (n + 3.8416)) END;
