-- WRONG: GROUP BY source groups by the raw column (the input column wins over the alias), so
-- NULL and the literal 'unknown' come out as two separate 'unknown' rows.
SELECT COALESCE(source, 'unknown') AS source,
       COUNT(*) AS leads,
       ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS share_pct
FROM leads
GROUP BY source
ORDER BY leads DESC, 1
