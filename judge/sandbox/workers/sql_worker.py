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
import queue
import sys
import threading
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


def connect(memory_mb: int, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A fresh connection: in memory, or to a prepared fixture database file, read-only."""
    con = duckdb.connect(
        database,
        read_only=database != ":memory:",
        config={
            "temp_directory": "",  # never spill (a file database would spill beside its file)
            "threads": 1,
            "async_threads": 0,
            "memory_limit": f"{memory_mb}MB",
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
        },
    )
    con.execute("SET enable_progress_bar = false")
    return con


MAKERS = 2
"""Threads making instances: DuckDB lets go of the interpreter lock for part of the work, so
two make six ~40% sooner on two cores (the judge waits meanwhile)."""
SPARES_AHEAD = 8
"""Fresh instances made before the job is known (the catalog's problems have 5-7 datasets)."""


class Spares:
    """Fresh DuckDB instances made ahead in two threads, one per fixture to come.

    Making an instance costs ~13 ms (DuckDB loads its built-in extensions' catalogs), so they
    are made while this worker waits for its job (warm: long before; cold: while the judge
    loads the problem, then before the worker says it is ready), never once tests run: the
    CPU the supervisor counts for a test stays that test's own. Each is a new in-memory
    database that no query has touched, with the same settings as `connect`'s (no threads:
    ~4 MiB of address space each); each serves one fixture and is closed after it, so the
    isolation is the same as opening every fixture's file afresh.
    """

    def __init__(self) -> None:
        self._ready: queue.SimpleQueue[duckdb.DuckDBPyConnection | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._wanted = SPARES_AHEAD
        self._made = 0
        self._taken = 0
        self._threads: list[threading.Thread] = []
        self._made_all = threading.Condition(self._lock)
        self._ready_count = 0
        self._start()

    def _start(self) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        while len(self._threads) < MAKERS:
            thread = threading.Thread(target=self._make, daemon=True)
            thread.start()
            self._threads.append(thread)

    def want(self, total: int) -> None:
        """The job's fixture count: make that many in all (beyond those made already)."""
        with self._lock:
            self._wanted = total
            more = self._made < total
        if more:
            self._start()

    def stop(self) -> None:
        """Tests begin: no more are started (one being made is finished)."""
        with self._lock:
            self._wanted = self._made

    def _make(self) -> None:
        while True:
            with self._lock:
                if self._made >= self._wanted:
                    return
                self._made += 1
            try:
                con: duckdb.DuckDBPyConnection | None = connect(256)
            except Exception:  # noqa: BLE001 - the fixture then opens its file as before
                con = None
            self._ready.put(con)
            with self._lock:
                self._ready_count += 1
                self._made_all.notify_all()

    def wait_all(self, timeout: float = 30.0) -> None:
        """Until every instance wanted is made: before the first test, so that none is made
        (and counted) while a test runs."""
        with self._lock:
            self._made_all.wait_for(lambda: self._ready_count >= self._wanted, timeout=timeout)

    def take(self) -> duckdb.DuckDBPyConnection | None:
        """A fresh instance (waiting for the one being made), or None: open one now."""
        with self._lock:
            self._taken += 1
            coming = self._taken <= self._made
        if not coming:
            return None
        try:
            return self._ready.get(timeout=30)
        except queue.Empty:
            return None


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


class Database:
    """One fresh in-memory DuckDB per fixture, locked down once its tables are in.

    A database of its own per fixture (not a schema in a shared one), so that a query run on
    the sample cannot read a hidden dataset.
    """

    def __init__(self, setup: dict[str, Any], fixture: str, spares: Spares | None = None) -> None:
        files = setup["files"]
        prepared = (setup.get("databases") or {}).get(fixture)
        memory_mb = int(setup["memory_mb"])
        spare = spares.take() if spares is not None and prepared else None
        # A prepared database file (read-only, this dataset's tables only), else the CSVs.
        self.con = spare or connect(memory_mb, files[prepared] if prepared else ":memory:")
        try:
            if spare is not None:
                _attach_alone(spare, files[prepared], memory_mb)
            if not prepared:
                self.con.execute(setup["schema"])
                for table in setup["tables"]:
                    path = files[f"{fixture}/{table}.csv"].replace("'", "''")
                    self.con.execute(f"COPY {table} FROM '{path}' (HEADER true, ALLOW_QUOTED_NULLS false)")
            lock_down(self.con)
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def validate(self, query: str) -> None:
        """Parse and bind the query once, before any fixture runs: a CE comes early."""
        check_statement(self.con, query)
        try:
            self.con.execute("EXPLAIN " + query)
        except duckdb.PermissionException as exc:
            raise Rejected(f"{_first_line(exc)}; {ALLOWED}") from None
        except duckdb.Error as exc:
            raise Rejected(_first_line(exc)) from None

    def run(self, query: str, max_rows: int) -> dict[str, Any]:
        t0 = time.perf_counter()
        try:
            result = self.con.execute(query)
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


def _attach_alone(con: duckdb.DuckDBPyConnection, path: str, memory_mb: int) -> None:
    """A spare instance made into what `connect(memory_mb, path)` gives: the file read-only,
    under its own name, as the only database (the empty in-memory one detached)."""
    name = os.path.splitext(os.path.basename(path))[0].replace('"', '""')
    con.execute(f"SET memory_limit = '{int(memory_mb)}MB'")
    con.execute(f"ATTACH '{path.replace(chr(39), chr(39) * 2)}' AS \"{name}\" (READ_ONLY)")
    con.execute(f'USE "{name}"')
    con.execute("DETACH memory")


def _open(setup: dict[str, Any], fixture: str, spares: Spares | None = None) -> Database:
    try:
        return Database(setup, fixture, spares)
    except duckdb.Error as exc:
        # Loading the problem's own fixtures is the judge's job: a failure is never the learner's.
        raise FixtureError(
            f"the problem's fixture {fixture!r} could not be loaded: {_first_line(exc)}"
        ) from None


class FixtureError(Exception):
    pass


def serve(ch: channel.Channel) -> None:
    spares = Spares()
    setup = ch.receive_setup()
    if setup is None:
        return
    spares.want(len(setup["fixtures"]))
    first = setup["fixtures"][0]
    try:
        kept: Database | None = _open(setup, first, spares)
        try:
            kept.validate(setup["query"])
        except BaseException:
            kept.close()
            raise
    except FixtureError as exc:
        ch.send({"status": "internal", "error": str(exc)})
        return
    except Rejected as exc:
        ch.send({"status": "load_error", "error": str(exc)})
        return
    spares.wait_all()  # counted as loading, never in a test's time
    ch.send({"status": "ready"})
    while (request := ch.receive()) is not None:
        spares.stop()
        fixture = request["input"]["fixture"]
        if kept is not None and fixture == first:
            db, kept = kept, None  # the database the query was checked on serves its first run
        else:
            try:
                db = _open(setup, fixture, spares)
            except FixtureError as exc:
                ch.send({"status": "internal", "error": str(exc)})
                continue
        try:
            outcome = db.run(setup["query"], int(setup["max_rows"]))
        except MemoryError:
            db.close()
            ch.send({"status": "memory", "error": "MemoryError"})
            continue
        except BaseException:
            db.close()
            raise
        # The answer first, then the instance goes (~2.5 ms) while the judge checks the answer;
        # that CPU then counts in the next test's time instead of this one's.
        ch.send(outcome)
        db.close()


if __name__ == "__main__":
    channel.main(serve)
