"""judge grade's parts: assignment file, discovery, roster, shards, deadlines, store, and
the outputs (schema-valid junit.xml, Gradescope's fields, CSVs, no hidden data leaked)."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
import xmlschema

from judge.errors import UserError
from judge.grade.assignment import AssignmentError, load_assignment, parse_assignment
from judge.grade.deadline import commit_before, parse_deadline
from judge.grade.discover import GitTree, WorkTree, find_solutions
from judge.grade.outputs.csvs import GRADEBOOK_COLUMNS, gradebook_rows
from judge.grade.outputs.github import step_summary, write_github
from judge.grade.outputs.gradescope import results_json
from judge.grade.outputs.html import learner_html
from judge.grade.outputs.junit import render_junit
from judge.grade.results import LearnerResult, ProblemResult, Status, from_plain, to_plain
from judge.grade.roster import learners, load_roster, safe_name
from judge.grade.shards import in_shard, parse_shard, shard_of
from judge.grade.store import Store
from judge.models import CaseResult, Report, Verdict

DATA = Path(__file__).resolve().parent / "data"
REPO = DATA.parent.parent


def _report(verdicts: list[tuple[str, Verdict, bool]], message: str = "", brief: str = "") -> Report:
    tests = tuple(CaseResult(n, v, 1.5, message, sample=s, brief=brief) for n, v, s in verdicts)
    overall = next((t.verdict for t in tests if t.verdict is not Verdict.AC), Verdict.AC)
    return Report("two_sum", "python", "local", overall, tests)


def _learner(name: str = "ana") -> LearnerResult:
    wa = _report(
        [("sample-1", Verdict.AC, True), ("secret-case", Verdict.WA, False)],
        message="expected [4, 5], got [3, 9]",
        brief="wrong answer",
    )
    return LearnerResult(
        name,
        f"/repos/{name}",
        (
            ProblemResult("two_sum", Status.OK, 3.0, True, 1.5, "two_sum.py", report=wa),
            ProblemResult("lru_cache", Status.MISSING, 2.0, False, message="no lru_cache.py found"),
            ProblemResult("trapping_rain_water", Status.ERROR, 1.0, True, message="RuntimeError: boom"),
        ),
        commit="a" * 40,
        commit_time="2026-12-14T10:00:00+00:00",
        sandbox="local",
    )


# -- assignment -------------------------------------------------------------------------


def test_assignment_short_and_long_forms(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "feedback: none\nproblems:\n  - two_sum\n  - {slug: lru_cache, points: 4, required: false}\n"
    )
    a = load_assignment(path)
    assert [(p.slug, p.points, p.required) for p in a.problems] == [
        ("two_sum", 1.0, True),
        ("lru_cache", 4.0, False),
    ]
    assert a.feedback == "none" and a.scoring == "partial" and a.complexity is False
    assert a.max_score == 5.0


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"problems": ["two_sum"], "feedbak": "none"}, "unknown key 'feedbak'; did you mean 'feedback'?"),
        ({"problems": [{"slug": "two_sum", "point": 2}]}, "did you mean 'points'?"),
        ({"problems": ["two_summ"]}, "unknown problem 'two_summ'; did you mean 'two_sum'?"),
        ({"problems": ["two_sum", "two_sum"]}, "listed twice"),
        ({"problems": []}, "non-empty list"),
        ({"problems": ["two_sum"], "feedback": "all"}, "'feedback' must be one of"),
        ({"problems": [{"slug": "two_sum", "required": "yes"}]}, "'required'"),
    ],
)
def test_assignment_mistakes_name_the_key(data: dict, needle: str) -> None:
    with pytest.raises(AssignmentError, match=None) as info:
        parse_assignment(data, "a.yaml")
    assert needle in str(info.value) and str(info.value).startswith("a.yaml:")


def test_assignment_bad_yaml_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("problems: [two_sum\n")
    with pytest.raises(UserError, match="not valid YAML"):
        load_assignment(path)


# -- discovery ----------------------------------------------------------------------------


def test_find_solutions_skips_venvs_vcs_and_dependencies(tmp_path: Path) -> None:
    for rel in (
        ".git/two_sum.py",
        "venv/two_sum.py",
        "node_modules/a/two_sum.py",
        "x/site-packages/lru_cache.py",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "myenv").mkdir()
    (tmp_path / "myenv" / "pyvenv.cfg").write_text("")
    (tmp_path / "myenv" / "repeat_buyers.sql").write_text("x")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "trapping_rain_water.py").write_text("x")
    (tmp_path / "week1").mkdir()
    (tmp_path / "week1" / "top_two_salary_gap.sql").write_text("x")
    (tmp_path / "top_two_salary_gap.sql").write_text("shallow wins")
    wanted = {
        "two_sum": (".py",),
        "lru_cache": (".py",),
        "repeat_buyers": (".sql",),
        "trapping_rain_water": (".py",),
        "top_two_salary_gap": (".sql", ".py"),
    }
    found = find_solutions(WorkTree(tmp_path), wanted)
    assert found == {
        "trapping_rain_water": "deep/er/trapping_rain_water.py",
        "top_two_salary_gap": "top_two_salary_gap.sql",
    }


def _git(repo: Path, *args: str, when: str = "2026-01-01T00:00:00+00:00") -> str:
    env = {
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@b",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@b",
    }
    env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": "/usr/bin:/bin:/usr/local/bin"}
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_deadline_reads_the_commit_before_without_touching_the_work_tree(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "two_sum.py").write_text("before")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "1", when="2026-12-15T22:00:00+00:00")
    first = _git(tmp_path, "rev-parse", "HEAD")
    (tmp_path / "two_sum.py").write_text("after")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "lru_cache.py").write_text("late")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "2", when="2026-12-16T01:00:00+00:00")
    (tmp_path / "two_sum.py").write_text("uncommitted")

    commit = commit_before(tmp_path, parse_deadline("2026-12-15 23:59+00:00"))
    assert commit is not None and commit.id == first and commit.time.startswith("2026-12-15T22:00:00")
    tree = GitTree(tmp_path, commit.id)
    found = find_solutions(tree, {"two_sum": (".py",), "lru_cache": (".py",)})
    assert found == {"two_sum": "two_sum.py"}
    assert tree.read("two_sum.py") == b"before"
    assert (tmp_path / "two_sum.py").read_text() == "uncommitted"
    assert commit_before(tmp_path, parse_deadline("2026-12-15 21:00+00:00")) is None
    # The same instant in another zone is the same deadline.
    assert commit_before(tmp_path, parse_deadline("2026-12-16T00:59+01:00")) == commit


def test_deadline_typo_is_a_user_error() -> None:
    with pytest.raises(UserError, match="--before 'next friday'"):
        parse_deadline("next friday")


# -- roster, shards ------------------------------------------------------------------------


def test_roster_maps_folders_to_ids(tmp_path: Path) -> None:
    for name in ("repo-a", "repo-b", "repo-c"):
        (tmp_path / name).mkdir()
    roster = tmp_path / "roster.csv"
    roster.write_text("folder,learner\nrepo-a,ada@example.org\nrepo-b,bob\n")
    people = learners([tmp_path / "repo-a", tmp_path / "repo-b", tmp_path / "repo-c"], load_roster(roster))
    assert [p.id for p in people] == ["ada@example.org", "bob", "repo-c"]
    roster.write_text("folder,learner\nrepo-a,bob\nrepo-b,bob\n")
    with pytest.raises(UserError, match="both learner 'bob'"):
        learners([tmp_path / "repo-a", tmp_path / "repo-b"], load_roster(roster))
    roster.write_text("name,who\n")
    with pytest.raises(UserError, match="needs a 'folder' column"):
        load_roster(roster)


def test_safe_names_never_collide_or_escape() -> None:
    assert safe_name("bob") == "bob"
    names = {safe_name(x) for x in ("a b", "a_b", "a/b", "../a_b", "a\\b")}
    assert len(names) == 5 and not any("/" in n or n.startswith(".") for n in names)


def test_shards_split_every_learner_exactly_once() -> None:
    ids = [f"learner-{i}" for i in range(200)]
    shares = [[x for x in ids if in_shard(x, (i, 3))] for i in (1, 2, 3)]
    assert sorted(x for s in shares for x in s) == sorted(ids)
    assert all(40 < len(s) < 95 for s in shares)
    assert shard_of("learner-7", 3) == shard_of("learner-7", 3)
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "1", "a/b"):
        with pytest.raises(UserError, match="--shard"):
            parse_shard(bad)


# -- results model and store ------------------------------------------------------------------


def test_results_round_trip_through_the_store(tmp_path: Path) -> None:
    result = _learner()
    assert from_plain(json.loads(json.dumps(to_plain(result)))) == result
    store = Store(tmp_path)
    store.begin({"assignment_digest": "x", "deadline": None, "shard": None}, resume=False)
    store.write(result)
    assert store.load() == [result]
    assert store.finished() == set()  # a learner with an `error` row is graded again
    with pytest.raises(UserError, match="another run"):
        store.begin({"assignment_digest": "y", "deadline": None, "shard": None}, resume=True)


# -- outputs -------------------------------------------------------------------------------


def test_junit_is_valid_against_the_schema() -> None:
    schema = xmlschema.XMLSchema(DATA / "junit.xsd")
    xml = render_junit([_learner("ana"), _learner("bob & <eve>")], "brief").decode()
    schema.validate(xml)
    assert 'errors="2"' in xml and 'skipped="2"' in xml and 'failures="2"' in xml


def test_gradescope_results_have_the_documented_fields() -> None:
    data = results_json(_learner(), "brief")
    assert data["score"] == 1.5 and isinstance(data["execution_time"], float)
    assert {"score", "output", "tests", "visibility", "stdout_visibility"} <= set(data)
    for test in data["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] in ("passed", "failed") and test["visibility"] == "visible"
        assert isinstance(test["score"], float) and isinstance(test["max_score"], float)
    assert [t["max_score"] for t in data["tests"]] == [3.0, 2.0, 1.0]


def test_gradebook_rows_open_with_csv() -> None:
    rows = gradebook_rows([_learner()])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=GRADEBOOK_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    back = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [(r["problem"], r["status"], r["verdict"], r["score"]) for r in back] == [
        ("two_sum", "ok", "WA", "1.5"),
        ("lru_cache", "missing", "", "0"),
        ("trapping_rain_water", "error", "IE", "0"),
    ]
    assert back[0]["commit"] == "a" * 40 and back[0]["tests_passed"] == "1" and back[0]["tests_total"] == "2"


@pytest.mark.parametrize("level", ["brief", "none"])
def test_learner_outputs_hide_hidden_messages(level: str, tmp_path: Path) -> None:
    result = _learner()
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    write_github([result], level, {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output)})
    texts = [json.dumps(results_json(result, level)), learner_html(result, level), summary.read_text()]
    texts.append(render_junit([result], level).decode())
    for text in texts:
        assert "[4, 5]" not in text and "[3, 9]" not in text
    assert "score=1.5\nmax_score=6\n" in output.read_text()
    assert "required_failed=trapping_rain_water,two_sum" in output.read_text()
    full = json.dumps(results_json(result, "full"))
    assert "[4, 5]" in full  # the check above can see a leak
    assert "secret-case" in step_summary([result], "brief")


# -- feedback levels on a real judged submission ------------------------------------------------


def _hidden_needles() -> set[str]:
    """The hidden tests' inputs and expected answers, as text a report could show them in."""
    from judge.catalog import load_cases, load_problem

    needles = set()
    for case in load_cases(load_problem("two_sum")):
        if case.sample or case.input is None:
            continue
        for value in (case.input.get("nums"), case.expected):
            if isinstance(value, list) and len(value) <= 50:
                for text in (json.dumps(value), json.dumps(value, separators=(",", ":"))):
                    if len(text) >= 8:
                        needles.add(text)
    return needles


@pytest.mark.parametrize("level", ["none", "brief", "full"])
def test_no_hidden_input_or_expected_value_reaches_the_learner(level: str, tmp_path: Path) -> None:
    from judge.grade.api import grade

    learner = tmp_path / "ana"
    learner.mkdir()
    (learner / "two_sum.py").write_text(
        (REPO / "solutions_reference/two_sum/wrong_answer/sorted_indices.py").read_text()
    )
    (tmp_path / "a.yaml").write_text(f"feedback: {level}\nproblems: [two_sum]\n")
    summary = tmp_path / "summary.md"
    os.environ["GITHUB_STEP_SUMMARY"] = str(summary)
    try:
        grade(
            [learner],
            out=tmp_path / "g",
            assignment_file=tmp_path / "a.yaml",
            sandbox="local",
            jobs=1,
            progress=False,
        )
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    out = tmp_path / "g"
    learner_facing = "\n".join(
        [
            (out / "results.json").read_text(),
            (out / "learners" / "ana" / "results.json").read_text(),
            html.unescape((out / "learners" / "ana" / "report.html").read_text()),
            summary.read_text(),
            html.unescape((out / "junit.xml").read_text()),
        ]
    )
    leaked = sorted(n for n in _hidden_needles() if n in learner_facing)
    if level == "full":
        assert leaked  # the check sees hidden data where it is allowed
    else:
        assert leaked == []
        assert "WA" in learner_facing and "6/21" in learner_facing
    # The instructor's tests.csv always has every test.
    assert len(rows := list(csv.DictReader((out / "tests.csv").open()))) == 21 and rows[0]["learner"] == "ana"


# -- the CLI ---------------------------------------------------------------------------------


def test_cli_mistakes_exit_2_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from judge.cli import main

    runner = CliRunner()
    missing = runner.invoke(main, ["grade", str(tmp_path / "nobody"), "--out", str(tmp_path / "g")])
    assert missing.exit_code == 2 and "is not a folder" in missing.output
    (tmp_path / "ana").mkdir()
    (tmp_path / "a.yaml").write_text("problems: [two_sum]\nscore: 3\n")
    bad = runner.invoke(main, ["grade", str(tmp_path / "ana"), "--assignment", str(tmp_path / "a.yaml")])
    assert bad.exit_code == 2 and "unknown key 'score'; did you mean 'scoring'?" in bad.output
    shard = runner.invoke(main, ["grade", str(tmp_path / "ana"), "--shard", "4/3"])
    assert shard.exit_code == 2 and "--shard '4/3'" in shard.output
    merge = runner.invoke(main, ["merge", str(tmp_path / "ana"), "--out", str(tmp_path / "m")])
    assert merge.exit_code == 2 and "holds no grading results" in merge.output


@pytest.mark.slow
def test_fail_on_required_and_similarity(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from judge.cli import main

    wrong = (REPO / "solutions_reference/two_sum/wrong_answer/sorted_indices.py").read_text()
    reference = (REPO / "solutions_reference/two_sum/accepted/reference.py").read_text()
    own = "def two_sum(nums, target):\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n            if nums[i] + nums[j] == target:\n                return [i, j]\n"
    for name, code in {
        "ana": wrong,
        "ben": "# mine, honestly\n" + wrong,
        "cyd": reference,
        "dan": reference,
        "eve": own,
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "two_sum.py").write_text(code)
    (tmp_path / "a.yaml").write_text("problems: [two_sum]\n")
    args = [
        "grade",
        *(str(tmp_path / n) for n in ("ana", "ben", "cyd", "dan", "eve")),
        "--assignment",
        str(tmp_path / "a.yaml"),
    ]
    args += ["--sandbox", "local", "--jobs", "1", "--out", str(tmp_path / "g"), "-q", "--similarity"]
    result = CliRunner().invoke(main, [*args, "--fail-on-required"])
    assert result.exit_code == 1, result.output
    with (tmp_path / "g" / "similarity.csv").open() as fh:
        pairs = [(r["learner_a"], r["learner_b"]) for r in csv.DictReader(fh)]
    assert pairs == [("ana", "ben")]  # copies of the reference share only boilerplate
    assert "ana" in (tmp_path / "g" / "similarity.html").read_text()
    again = CliRunner().invoke(main, [*args, "--resume"])
    assert again.exit_code == 0, again.output
    assert len((tmp_path / "g" / "judged.jsonl").read_text().splitlines()) == 5  # nothing judged twice
