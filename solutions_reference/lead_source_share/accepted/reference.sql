-- Map a NULL source to 'unknown' BEFORE grouping, so it merges with a literal 'unknown';
-- count rows with COUNT(*) and divide by the count of all leads (a window sum over the groups).
WITH labelled AS (
    SELECT COALESCE(source, 'unknown') AS source_label
    FROM leads
),
counts AS (
    SELECT source_label, COUNT(*) AS leads
    FROM labelled
    GROUP BY source_label
)
SELECT source_label AS source,
       leads,
       ROUND(100.0 * leads / SUM(leads) OVER (), 2) AS share_pct
FROM counts
ORDER BY leads DESC, source_label
