-- WRONG: also maps the empty string '' to 'unknown' (NULLIF(source, '')); only NULL is
-- unknown, '' is a source of its own.
SELECT COALESCE(NULLIF(source, ''), 'unknown') AS source,
       COUNT(*) AS leads,
       ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS share_pct
FROM leads
GROUP BY COALESCE(NULLIF(source, ''), 'unknown')
ORDER BY leads DESC, 1
