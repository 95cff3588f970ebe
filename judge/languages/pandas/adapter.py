"""Runs inside the sandbox, in the Python worker, around a learner's pandas function.

Shipped to the worker as source text (the judge never imports it): it turns each test's
tables into DataFrames before the call and the returned DataFrame into plain rows after it.
NaN, NaT, None and pd.NA all become NULL; numpy scalars become Python numbers; a timestamp
at midnight becomes its date, as in the SQL results it is compared with.
"""

import datetime as _dt
import decimal as _decimal
import math as _math

import pandas as _pd

_DTYPES = {"int": "Int64", "float": "float64", "str": "object", "bool": "boolean"}


def _series(values, kind):
    if kind in ("date", "timestamp"):
        return _pd.to_datetime(_pd.Series(values, dtype="object"))
    if kind == "float":
        return _pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    return _pd.Series(values, dtype=_DTYPES.get(kind, "object"))


def frame(table):
    columns, kinds, rows = table["columns"], table["types"], table["rows"]
    data = {c: _series([row[i] for row in rows], kinds[i]) for i, c in enumerate(columns)}
    return _pd.DataFrame(data, columns=columns)


def _plain(value):
    if value is None or value is _pd.NA or value is _pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if type(value).__module__ == "numpy":
        value = value.item()
    if isinstance(value, float):
        return None if _math.isnan(value) else value
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, _pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _decimal.Decimal):
        return float(value)
    if isinstance(value, _pd.Timedelta):
        return str(value)
    if value != value:  # other NaN-like values
        return None
    return str(value)


def answer(value):
    if _pd.DataFrame not in type(value).__mro__:
        raise TypeError(f"returned a {type(value).__name__}, not a pandas DataFrame")
    columns = [str(c) for c in _pd.DataFrame.__iter__(value)]
    rows = [[_plain(v) for v in row] for row in _pd.DataFrame.itertuples(value, index=False, name=None)]
    return {"columns": columns, "rows": rows}


def wrap(function):
    def call(tables):
        return answer(function(**{name: frame(table) for name, table in tables.items()}))

    return call
