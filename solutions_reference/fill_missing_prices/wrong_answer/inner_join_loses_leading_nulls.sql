-- WRONG: looks up the latest non-NULL day with a subquery and INNER JOINs to it; rows of a
-- product before its first known price have no such day and disappear from the result.
SELECT p.product_id,
       p.day,
       k.price
FROM prices AS p
JOIN prices AS k
  ON k.product_id = p.product_id
 AND k.day = (SELECT MAX(q.day)
              FROM prices AS q
              WHERE q.product_id = p.product_id
                AND q.day <= p.day
                AND q.price IS NOT NULL)
ORDER BY p.product_id, p.day
