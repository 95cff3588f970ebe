-- WRONG: integer division (//) truncates the share: 1 lead out of 3 gives 33, not 33.33.
SELECT COALESCE(source, 'unknown') AS source,
       COUNT(*) AS leads,
       100 * COUNT(*) // (SELECT COUNT(*) FROM leads) AS share_pct
FROM leads
GROUP BY COALESCE(source, 'unknown')
ORDER BY leads DESC, 1
