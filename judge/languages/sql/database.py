"""Fixture datasets as DuckDB database files: built once per problem version, then cached.

Loading a dataset from its CSV files (schema, then COPY per table) is the same work on every
run; a database file holds the result. The worker opens the file read-only, with a fresh
connection per run, one file per dataset, so a query on one dataset still cannot name
another's tables. The files get random names in the job, so neither a file's name nor its
path tells a query which dataset it runs on.

Entries live in the judge's cache (`<cache>/sql-db/`), each with an HMAC'd record of its
SHA-256 (judge.cache), checked on every use; a file that fails the check is built again.
Where DuckDB cannot build a file (a fixture that does not load), the job falls back to the
CSV files and the worker reports the fixture's error as before.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from pathlib import Path

from judge import cache
from judge.languages.sql.problem import schema_text
from judge.models import Case, Problem
from judge.sandbox.environment import LIBRARIES

KIND = "sql-db"


def _key(schema: str, tables: dict[str, str]) -> str:
    parts: list[bytes | str] = ["duckdb", LIBRARIES["duckdb"], schema]
    for table, path in sorted(tables.items()):
        parts += [table, Path(path).read_bytes()]
    return cache.digest(parts)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _cached(key: str) -> Path | None:
    record = cache.read_json(KIND, key)
    path = cache.cache_dir() / KIND / f"{key}.duckdb"
    if not isinstance(record, dict) or not path.is_file() or path.is_symlink():
        return None
    return path if record.get("sha256") == _sha256(path) else None


def _build(key: str, schema: str, tables: dict[str, str]) -> Path | None:
    import duckdb  # only when a dataset is built, once per problem version

    folder = cache.cache_dir() / KIND
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)  # DuckDB makes the file itself
    try:
        con = duckdb.connect(tmp, config={"threads": 1, "autoload_known_extensions": False})
        try:
            con.execute(schema)
            for table, path in tables.items():
                quoted = str(path).replace("'", "''")
                con.execute(f"COPY {table} FROM '{quoted}' (HEADER true, ALLOW_QUOTED_NULLS false)")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.chmod(tmp, 0o644)  # read by the sandbox's uid through its read-only copy
        target = folder / f"{key}.duckdb"
        os.replace(tmp, target)
    except (duckdb.Error, OSError):
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
        return None
    cache.write_json(KIND, key, {"sha256": _sha256(target)})
    return target


def fixture_databases(problem: Problem, cases: list[Case]) -> dict[str, Path] | None:
    """Fixture name -> its database file, for every case; None when one cannot be had."""
    schema = schema_text(problem.path)
    found: dict[str, Path] = {}
    for case in cases:
        fixture, tables = case.input["fixture"], case.input["tables"]
        key = _key(schema, tables)
        path = _cached(key) or _build(key, schema, tables)
        if path is None:
            return None
        found[fixture] = path
    return found


def job_files(databases: dict[str, Path]) -> tuple[dict[str, str], list[tuple[str, Path]]]:
    """(fixture -> file name in the job, the job's files in a random order): names say nothing."""
    names = {fixture: f"{secrets.token_hex(8)}.duckdb" for fixture in databases}
    files = [(names[f], path) for f, path in databases.items()]
    secrets.SystemRandom().shuffle(files)
    return names, files
