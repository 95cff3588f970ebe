"""Reading a learner's query: other dialects are translated into DuckDB's with sqlglot.

A translation must never change what a query means: a query right in Postgres must be right
here, and a wrong one wrong. sqlglot translates syntax; where the meaning depends on types
(Postgres divides two integers to an integer, DuckDB to a fraction) the query is typed first
against the problem's schema. A construct that cannot be carried over faithfully is refused
with a CE that names it and the dialect, never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from judge.errors import CompileError, UserError

DIALECTS = (
    "duckdb",
    "postgres",
    "mysql",
    "sqlite",
    "bigquery",
    "snowflake",
    "tsql",
    "oracle",
    "spark",
    "trino",
)


def to_duckdb(source: str, dialect: str | None, schema_sql: str = "") -> str:
    """The query DuckDB will run: the source as is, or translated from `dialect`.

    `schema_sql` (the problem's CREATE TABLE statements) types the columns, which some
    translations need (integer division).
    """
    query = source.strip().rstrip(";").strip()
    if not query:
        raise CompileError("the file holds no query; write one SELECT (or WITH ... SELECT)")
    if dialect in (None, "duckdb"):
        return query
    if dialect not in DIALECTS:
        raise UserError(f"Unknown SQL dialect '{dialect}'; use one of {', '.join(DIALECTS)}.")
    import sqlglot
    from sqlglot.errors import ErrorLevel, ParseError, UnsupportedError

    try:
        _refuse_tokens(query, dialect)
        statements = [s for s in sqlglot.parse(query, read=dialect) if s is not None]
        if len(statements) != 1:
            raise CompileError(f"found {len(statements)} statements; write exactly one query")
        tree = _typed(statements[0], dialect, schema_sql)
        for rule in RULES:
            tree = rule(tree, dialect)
        return tree.sql(dialect="duckdb", unsupported_level=ErrorLevel.RAISE)
    except CompileError:
        raise
    except ParseError as exc:
        raise CompileError(f"cannot parse the query as {dialect}: {_first(exc)}") from None
    except UnsupportedError as exc:
        raise CompileError(f"cannot translate this {dialect} query to DuckDB: {_first(exc)}") from None
    except RecursionError:
        raise CompileError(f"cannot parse the query as {dialect}: it is nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - sqlglot on hostile input: the query's fault, a CE
        raise CompileError(
            f"cannot translate this {dialect} query: {type(exc).__name__}: {_first(exc)}"
        ) from None


def _first(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _show(node: Any, dialect: str) -> str:
    """A piece of the query as the learner wrote it (without the qualifiers typing added)."""
    from sqlglot import exp

    bare = node.copy().transform(lambda n: exp.column(n.name) if isinstance(n, exp.Column) else n)
    return f"`{bare.sql(dialect)}`"


def _refuse(construct: str, dialect: str, why: str) -> CompileError:
    return CompileError(f"cannot translate {construct} from {dialect} to DuckDB faithfully: {why}")


def _refuse_tokens(query: str, dialect: str) -> None:
    """MySQL reads `a || b` as a logical OR; the learner almost surely meant concatenation."""
    if dialect != "mysql":
        return
    from sqlglot.dialects.dialect import Dialect
    from sqlglot.tokens import TokenType

    tokens = Dialect.get_or_raise(dialect).tokenize(query)
    if any(t.token_type is TokenType.DPIPE for t in tokens):
        raise _refuse("`||`", dialect, "in mysql it is a logical OR; write CONCAT(a, b) to join text")


def _schema(schema_sql: str) -> dict[str, dict[str, str]]:
    """Table -> column -> type, from the problem's CREATE TABLE statements (DuckDB SQL)."""
    import sqlglot
    from sqlglot import exp

    tables: dict[str, dict[str, str]] = {}
    if not schema_sql.strip():
        return tables
    for statement in sqlglot.parse(schema_sql, read="duckdb"):
        if isinstance(statement, exp.Create) and isinstance(statement.this, exp.Schema):
            name = statement.this.this.name.lower()
            tables[name] = {
                col.name.lower(): col.args["kind"].sql("duckdb")
                for col in statement.this.expressions
                if isinstance(col, exp.ColumnDef) and col.args.get("kind") is not None
            }
    return tables


def _typed(tree: Any, dialect: str, schema_sql: str) -> Any:
    """The query with every expression's type known where the schema tells it.

    Qualifying resolves each column to its table (so its type can be looked up); a query it
    cannot resolve (a column that does not exist) keeps its own form, and DuckDB names the
    mistake when it runs.
    """
    from sqlglot.optimizer.annotate_types import annotate_types
    from sqlglot.optimizer.qualify import qualify

    schema = _schema(schema_sql)
    try:
        qualified = qualify(tree.copy(), schema=schema, dialect=dialect, validate_qualify_columns=True)
    except Exception:  # noqa: BLE001 - sqlglot could not resolve it: translate it untyped
        return annotate_types(tree, schema=schema, dialect=dialect)
    return annotate_types(qualified, schema=schema, dialect=dialect)


def _integer_division(tree: Any, dialect: str) -> Any:
    """Postgres (and others) divide two integers to an integer, truncating; DuckDB's `/`
    gives a fraction and its `//` truncates. Unknown operand types are refused."""
    from sqlglot import exp
    from sqlglot.dialects.dialect import Dialect

    if not Dialect.get_or_raise(dialect).TYPED_DIVISION:
        return tree
    integers, reals = exp.DataType.INTEGER_TYPES, exp.DataType.REAL_TYPES
    for div in list(tree.find_all(exp.Div)):
        if not div.args.get("typed"):
            continue
        left, right = div.left, div.right
        if left.is_type(exp.DataType.Type.NULL) or right.is_type(exp.DataType.Type.NULL):
            continue  # NULL in either engine
        if left.is_type(*integers) and right.is_type(*integers):
            div.replace(exp.IntDiv(this=left.copy(), expression=right.copy()))
        elif not (left.is_type(*reals) or right.is_type(*reals)):
            raise _refuse(
                f"the division {_show(div, dialect)}",
                dialect,
                f"{dialect} divides two integers to an integer and DuckDB does not, and the types "
                "here cannot be told; cast a side to say which you mean "
                "(CAST(x AS NUMERIC) / y for a fraction, CAST(x AS INTEGER) / CAST(y AS INTEGER) "
                "for an integer)",
            )
    return tree


def _with_ties(tree: Any, dialect: str) -> Any:
    """`ORDER BY k FETCH FIRST n ROWS WITH TIES` keeps every row tied with the n-th: in DuckDB,
    `QUALIFY RANK() OVER (ORDER BY k) <= n ORDER BY k`, where nothing runs after the cut."""
    from sqlglot import exp

    for fetch in list(tree.find_all(exp.Fetch)):
        options = fetch.args.get("limit_options")
        if not (options and options.args.get("with_ties")):
            continue
        select = fetch.parent
        order = select.args.get("order") if isinstance(select, exp.Select) else None
        count = fetch.args.get("count")
        simple = (
            isinstance(select, exp.Select)
            and order is not None
            and not select.args.get("distinct")
            and not select.args.get("offset")
            and not (options.args.get("percent"))
            and isinstance(count, exp.Literal)
            and not count.is_string
            and not any(isinstance(o.this, exp.Literal) for o in order.expressions)
        )
        if not simple:
            raise _refuse(
                "FETCH FIRST ... WITH TIES",
                dialect,
                "DuckDB has no WITH TIES; rank the rows instead: "
                "RANK() OVER (ORDER BY ...) <= n in an outer query",
            )
        # Rank by what ORDER BY means in the source: an output column's alias is its expression.
        aliases = {sel.alias: sel.this for sel in select.expressions if isinstance(sel, exp.Alias)}
        window_order = order.copy()
        for key in window_order.expressions:
            if isinstance(key.this, exp.Column) and not key.this.table and key.this.name in aliases:
                key.set("this", aliases[key.this.name].copy())
        rank = exp.Window(this=exp.Anonymous(this="RANK"), order=window_order)
        keep = exp.LTE(this=rank, expression=count.copy())
        qualify = select.args.get("qualify")
        condition = keep if qualify is None else exp.and_(qualify.this.copy(), keep)
        select.set("qualify", exp.Qualify(this=condition))
        fetch.pop()
    return tree


def _timestamp_diff(tree: Any, dialect: str) -> Any:
    """MySQL's TIMESTAMPDIFF counts whole units (Jan 31 to Feb 29 is 0 months). DuckDB's
    DATE_DIFF counts boundaries crossed; its DATE_SUB counts whole units, except that it
    takes a month's last day as a whole month: months come from AGE's fields instead."""
    from sqlglot import exp

    if dialect != "mysql":
        return tree
    months = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}
    for diff in list(tree.find_all(exp.TimestampDiff)):
        unit = diff.args.get("unit")
        name = (unit.name if unit is not None else "DAY").upper()
        start, end = diff.expression.copy(), diff.this.copy()
        if name in months:
            age = f"AGE(CAST(({end.sql('duckdb')}) AS TIMESTAMP), CAST(({start.sql('duckdb')}) AS TIMESTAMP))"
            total = f"(DATE_PART('year', {age}) * 12 + DATE_PART('month', {age}))"
            diff.replace(exp.maybe_parse(f"({total} // {months[name]})", dialect="duckdb"))
        else:
            diff.replace(exp.Anonymous(this="DATE_SUB", expressions=[exp.Literal.string(name), start, end]))
    return tree


def _date_plus_number(tree: Any, dialect: str) -> Any:
    """In MySQL a date plus a number is arithmetic on the number YYYYMMDD, not a later date."""
    from sqlglot import exp

    if dialect != "mysql":
        return tree
    dates = exp.DataType.TEMPORAL_TYPES
    numbers = exp.DataType.INTEGER_TYPES | exp.DataType.REAL_TYPES
    for op in list(tree.find_all(exp.Add, exp.Sub)):
        left, right = op.left, op.right
        if (left.is_type(*dates) and right.is_type(*numbers)) or (
            right.is_type(*dates) and left.is_type(*numbers)
        ):
            raise _refuse(
                _show(op, dialect),
                dialect,
                "in mysql a date plus a number is a number (20240131 + 1), not a date; "
                "write DATE_ADD(d, INTERVAL n DAY)",
            )
    return tree


RULES: tuple[Callable[[Any, str], Any], ...] = (
    _with_ties,
    _integer_division,
    _timestamp_diff,
    _date_plus_number,
)
"""Rewrites of a typed source tree that keep its meaning in DuckDB, or refuse it."""
