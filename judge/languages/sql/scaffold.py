"""`judge new --kind sql`: every file an SQL problem needs, with what goes there."""

from __future__ import annotations

import json

from judge.languages import TODO


def problem_files(slug: str) -> dict[str, str]:
    title = slug.replace("_", " ").title()
    files = {
        "problem.yaml": f"""\
# {TODO}: describe the problem; docs/problem-format.md lists every field.
title: {title}
kind: sql
difficulty: easy                 # easy | medium | hard
tags: [aggregation]
tables: [orders]                 # every table of schema.sql
result:
  columns: [customer_id, total]  # the result's columns, compared case-insensitively
  ordered: true                  # does row order matter?
  abs_tol: 0                     # numeric tolerance
limits:
  time_ms: 2000
  memory_mb: 256
""",
        "schema.sql": "CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, amount DECIMAL(12,2));\n",
        "statement.md": f"""\
# {title}

{TODO}: describe the tables (`orders`) and the result wanted (`customer_id`, `total`),
with its order and how NULLs, ties and empty tables behave.

## Example

{TODO}: a small `orders` table and the result it gives.
""",
    }
    rows = "order_id,customer_id,amount\n1,10,5.00\n2,10,2.50\n3,11,1.00\n"
    expected = {"columns": ["customer_id", "total"], "rows": [[10, 7.5], [11, 1.0]]}
    for name in ("sample", "nulls", "empty"):
        table = rows if name != "empty" else rows.splitlines()[0] + "\n"
        want = expected if name != "empty" else {"columns": expected["columns"], "rows": []}
        files[f"fixtures/{name}/orders.csv"] = table
        files[f"fixtures/{name}/expected.json"] = json.dumps(want) + "\n"
    return files


def solution_files(slug: str) -> dict[str, str]:
    return {
        "accepted/reference.sql": f"""\
-- {TODO}: the reference query; every fixture's expected.json must agree with it.
SELECT customer_id, SUM(amount) AS total
FROM orders
GROUP BY customer_id
ORDER BY customer_id
""",
        "wrong_answer/classic_mistake.sql": f"""\
-- {TODO}: a classic wrong query (and say here why it is wrong); the fixtures must reject it.
SELECT customer_id, COUNT(*) AS total
FROM orders
GROUP BY customer_id
ORDER BY customer_id
""",
    }
