-- WRONG: rounds the fraction to 2 decimals before multiplying by 100, so 3 of 7 gives 43.00
-- instead of 42.86.
SELECT COALESCE(source, 'unknown') AS source,
       COUNT(*) AS leads,
       ROUND(COUNT(*) / SUM(COUNT(*)) OVER (), 2) * 100 AS share_pct
FROM leads
GROUP BY COALESCE(source, 'unknown')
ORDER BY leads DESC, 1
