"""Reading a learner's query: other dialects are translated into DuckDB's with sqlglot."""

from __future__ import annotations

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


def to_duckdb(source: str, dialect: str | None) -> str:
    """The query DuckDB will run: the source as is, or translated from `dialect`."""
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
        statements = sqlglot.transpile(
            query, read=dialect, write="duckdb", unsupported_level=ErrorLevel.RAISE
        )
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
    if len(statements) != 1:
        raise CompileError(f"found {len(statements)} statements; write exactly one query")
    return statements[0]


def _first(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
