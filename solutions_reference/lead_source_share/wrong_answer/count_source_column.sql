-- WRONG: COUNT(source) skips NULLs, so leads without a source are not counted, neither in the
-- 'unknown' row nor in the total.
SELECT COALESCE(source, 'unknown') AS source,
       COUNT(source) AS leads,
       ROUND(100.0 * COUNT(source) / (SELECT COUNT(source) FROM leads), 2) AS share_pct
FROM leads
GROUP BY COALESCE(source, 'unknown')
ORDER BY leads DESC, 1
