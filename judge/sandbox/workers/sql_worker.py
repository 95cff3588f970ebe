"""Runs a learner's SQL query on each fixture, in DuckDB, in a process of its own.

A crash in DuckDB kills this process, not the judge. DuckDB's own limits are not a sandbox
(its memory limit covers the buffer manager, its interrupt is cooperative), so the supervisor
around this process adds an OS memory limit and a hard kill at the time limit.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import os
import secrets
import sys
import time
import uuid
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import channel
import duckdb

MAX_RESULT_BYTES = 16 << 20
"""A result's rows as JSON, at most: the same limit as a Python answer."""
FETCH_BATCH = 1000
ALLOWED = "only one read-only query (SELECT, or WITH ... SELECT) over the problem's tables is allowed"


class Rejected(Exception):
    """The query is not one read-only query: a CE, with what is allowed."""


LOCAL_SETTINGS = ("SET python_enable_replacements = false", "SET enable_progress_bar = false")
"""Settings each connection has of its own (a cursor starts from the defaults, not from its
instance's connection): no scans of the worker's Python objects, no progress bar."""


def connect(memory_mb: int) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory instance, and its first connection."""
    con = duckdb.connect(
        ":memory:",
        config={
            "temp_directory": "",  # never spill
            "threads": 1,
            "async_threads": 0,
            "memory_limit": f"{memory_mb}MB",
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
        },
    )
    for statement in LOCAL_SETTINGS:
        con.execute(statement)
    return con


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """After the fixtures are in: no files, no extensions, no data frames, no spilling, no SET."""
    for statement in (
        "SET enable_external_access = false",
        "SET python_enable_replacements = false",
        "SET max_temp_directory_size = '0MiB'",
        "SET lock_configuration = true",
    ):
        con.execute(statement)


def check_statement(con: duckdb.DuckDBPyConnection, query: str) -> None:
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise Rejected(_first_line(exc)) from None
    if len(statements) != 1:
        raise Rejected(f"found {len(statements)} statements; {ALLOWED}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise Rejected(f"found a {kind.name} statement; {ALLOWED}")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def plain(value: Any) -> Any:
    """A DuckDB value as JSON: numbers by value, dates and times as ISO text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (dt.timedelta, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


class FixtureError(Exception):
    pass


class Datasets:
    """One DuckDB instance per submission; each fixture's tables in a connection of its own.

    Every dataset is loaded as temporary tables of its own connection, before any query runs
    (loading needs file access, which the lock-down then turns off for good). A connection's
    temporary tables are out of every other connection's reach: a query run on the sample
    finds no table, schema or database of a hidden dataset, by any name or catalog function.
    A query is one SELECT, so nothing it does outlives it, and each connection is closed
    (its tables dropped) once its test has run. One instance instead of one per dataset:
    making an instance is ~13 ms (DuckDB builds its function catalog), loading a small
    dataset into a connection ~2 ms.
    """

    def __init__(self) -> None:
        # Made before the job comes (warm: long before; cold: while the setup is on its way).
        self.instance = connect(256)
        self._cons: dict[str, duckdb.DuckDBPyConnection] = {}
        self._failed: dict[str, str] = {}

    def load(self, setup: dict[str, Any]) -> None:
        """The job's memory limit, every fixture's tables, then the lock-down."""
        self.instance.execute(f"SET memory_limit = '{int(setup['memory_mb'])}MB'")
        for fixture in setup["fixtures"]:
            if fixture in self._cons or fixture in self._failed:
                continue
            con = self.instance.cursor()
            try:
                for statement in LOCAL_SETTINGS:  # a connection's own: set on each, before the lock
                    con.execute(statement)
                _load(con, setup, fixture)
            except duckdb.Error as exc:
                con.close()
                # The problem's own fixtures are the judge's job: a failure is never the learner's.
                self._failed[fixture] = (
                    f"the problem's fixture {fixture!r} could not be loaded: {_first_line(exc)}"
                )
                continue
            self._cons[fixture] = con
        lock_down(self.instance)

    def take(self, fixture: str) -> duckdb.DuckDBPyConnection:
        """The fixture's connection, which serves one test (raises FixtureError)."""
        if fixture in self._failed:
            raise FixtureError(self._failed[fixture])
        con = self._cons.pop(fixture, None)
        if con is None:
            raise FixtureError(f"the fixture {fixture!r} is not in this job, or was used already")
        return con

    def peek(self, fixture: str) -> duckdb.DuckDBPyConnection:
        if fixture in self._failed:
            raise FixtureError(self._failed[fixture])
        return self._cons[fixture]


def _load(con: duckdb.DuckDBPyConnection, setup: dict[str, Any], fixture: str) -> None:
    """The fixture's tables (and views) as this connection's temporary ones, with their
    definitions (types, NOT NULL): from its prepared database file, read-only, or else from
    its CSV files through an in-memory staging database; the source is detached after."""
    files = setup["files"]
    prepared = (setup.get("databases") or {}).get(fixture)
    source = f"load_{secrets.token_hex(6)}"
    if prepared:
        con.execute(f"ATTACH '{_quoted(files[prepared])}' AS {source} (READ_ONLY)")
    else:
        con.execute(f"ATTACH ':memory:' AS {source}")
        con.execute(f"USE {source}")
        con.execute(setup["schema"])
        for table in setup["tables"]:
            path = _quoted(files[f"{fixture}/{table}.csv"])
            con.execute(f"COPY {table} FROM '{path}' (HEADER true, ALLOW_QUOTED_NULLS false)")
        con.execute("USE memory")
    try:
        tables = con.execute(
            "SELECT table_name, sql FROM duckdb_tables() WHERE database_name = ? ORDER BY table_oid", [source]
        ).fetchall()
        for name, sql in tables:
            quoted = '"' + str(name).replace('"', '""') + '"'
            if isinstance(sql, str) and sql.startswith("CREATE TABLE "):
                con.execute("CREATE TEMPORARY TABLE " + sql[len("CREATE TABLE ") :])
                con.execute(f"INSERT INTO temp.main.{quoted} SELECT * FROM {source}.main.{quoted}")
            else:
                con.execute(f"CREATE TEMPORARY TABLE {quoted} AS FROM {source}.main.{quoted}")
        views = con.execute(
            "SELECT sql FROM duckdb_views() WHERE database_name = ? AND NOT internal ORDER BY view_oid",
            [source],
        ).fetchall()
        for (sql,) in views:
            if isinstance(sql, str) and sql.startswith("CREATE VIEW "):
                con.execute("CREATE TEMPORARY VIEW " + sql[len("CREATE VIEW ") :])
    finally:
        con.execute(f"DETACH {source}")


def _quoted(path: str) -> str:
    return path.replace("'", "''")


def validate(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Parse and bind the query once, before any fixture runs: a CE comes early."""
    check_statement(con, query)
    try:
        con.execute("EXPLAIN " + query)
    except duckdb.PermissionException as exc:
        raise Rejected(f"{_first_line(exc)}; {ALLOWED}") from None
    except duckdb.Error as exc:
        raise Rejected(_first_line(exc)) from None


def run(con: duckdb.DuckDBPyConnection, query: str, max_rows: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        result = con.execute(query)
    except duckdb.OutOfMemoryException as exc:
        return {"status": "memory", "error": _first_line(exc)}
    except duckdb.InterruptException:
        return {"status": "timeout", "error": "interrupted"}
    except duckdb.PermissionException as exc:
        return {"status": "load_error", "error": f"{_first_line(exc)}; {ALLOWED}"}
    except duckdb.Error as exc:
        return {"status": "exception", "error": _first_line(exc)}
    columns = [str(d[0]) for d in result.description or []]
    rows: list[list[Any]] = []
    size = len(json.dumps(columns))
    while True:
        try:
            batch = result.fetchmany(FETCH_BATCH)
            converted = [[plain(v) for v in row] for row in batch]
        except duckdb.OutOfMemoryException as exc:
            return {"status": "memory", "error": _first_line(exc)}
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - a value Python cannot hold is the query's
            # DuckDB hands out some values Python cannot represent (INTERVAL 100000000 YEAR).
            return {"status": "exception", "error": f"a result value cannot be read: {_first_line(exc)}"}
        if not batch:
            break
        rows += converted
        if len(rows) > max_rows:
            return {"status": "output_limit", "error": f"returned more than {max_rows} rows"}
        size += sum(len(json.dumps(row)) for row in converted)
        if size > MAX_RESULT_BYTES:
            return {
                "status": "output_limit",
                "error": f"returned more than {MAX_RESULT_BYTES >> 20} MiB of rows (as JSON)",
            }
    elapsed = (time.perf_counter() - t0) * 1000
    return {"status": "ok", "value": {"columns": columns, "rows": rows}, "time_ms": elapsed}


def serve(ch: channel.Channel) -> None:
    datasets = Datasets()
    setup = ch.receive_setup()
    if setup is None:
        return
    datasets.load(setup)
    try:
        validate(datasets.peek(setup["fixtures"][0]), setup["query"])
    except FixtureError as exc:
        ch.send({"status": "internal", "error": str(exc)})
        return
    except Rejected as exc:
        ch.send({"status": "load_error", "error": str(exc)})
        return
    ch.send({"status": "ready"})
    while (request := ch.receive()) is not None:
        try:
            con = datasets.take(request["input"]["fixture"])
        except FixtureError as exc:
            ch.send({"status": "internal", "error": str(exc)})
            continue
        try:
            outcome = run(con, setup["query"], int(setup["max_rows"]))
        except MemoryError:
            con.close()
            ch.send({"status": "memory", "error": "MemoryError"})
            continue
        except BaseException:
            con.close()
            raise
        # The answer first, then its tables go while the judge checks the answer.
        ch.send(outcome)
        con.close()


if __name__ == "__main__":
    channel.main(serve)
