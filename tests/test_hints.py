"""Python 2 code gets a one-line hint that the judge runs Python 3: real submissions, real runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from judge.cli import main
from judge.hints import python2_hint

CASES = [
    ("def two_sum(nums, target):\n    print nums\n", "CE", "print is a function, write print(x)"),
    (
        "def two_sum(nums, target):\n    for i in xrange(len(nums)):\n        pass\n",
        "RE",
        "use range() (xrange is Python 2)",
    ),
    (
        "def two_sum(nums, target):\n    seen = {v: i for i, v in enumerate(nums)}\n"
        "    for v, i in seen.iteritems():\n        pass\n",
        "RE",
        "use .items(), .values() or .keys() (iteritems and the like are Python 2)",
    ),
    ("def two_sum(nums, target):\n    return raw_input()\n", "RE", "use input() (raw_input is Python 2)"),
    ("def two_sum(nums, target):\n    return unicode(nums)\n", "RE", "use str (unicode is Python 2)"),
]


@pytest.mark.parametrize(
    ("source", "verdict", "advice"), CASES, ids=["print", "xrange", "iteritems", "raw_input", "unicode"]
)
def test_python2_idioms_get_a_python3_hint(tmp_path: Path, source: str, verdict: str, advice: str) -> None:
    file = tmp_path / "two_sum.py"
    file.write_text(source, encoding="utf-8")
    runner = CliRunner()
    args = ["run", "two_sum", str(file), "--sandbox", "local", "--no-complexity"]
    data = json.loads(runner.invoke(main, [*args, "--format", "json"]).stdout)
    first = data["tests"][0]
    assert (data["verdict"], first["verdict"]) == (verdict, verdict)
    assert first["hint"] == f"this judge runs Python 3: {advice}"
    table = runner.invoke(main, args).stdout
    assert table.count(f"this judge runs Python 3: {advice}") == 1


def test_python3_errors_get_no_hint() -> None:
    assert python2_hint("NameError: name 'xrangey' is not defined") == ""
    assert python2_hint("IndexError: list index out of range") == ""
