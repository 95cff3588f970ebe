"""junit.xml for CI test views: a suite per learner, a case per problem (Ant's JUnit format,
the one Jenkins, GitLab and the GitHub test-report actions read), written with junitparser.

CI shows it in the learner's own repository, so failure texts follow the feedback level.
"""

from __future__ import annotations

import socket
from datetime import datetime

from junitparser import (
    Attr,
    Error,
    Failure,
    IntAttr,
    JUnitXml,
    Properties,
    Property,
    Skipped,
    SystemErr,
    SystemOut,
    TestCase,
    TestSuite,
)

from judge.grade.outputs import problem_text
from judge.grade.results import LearnerResult, Status


class _Suite(TestSuite):
    """The aggregated form's extra attributes (`package`, `id`), required by the schema."""

    package = Attr()
    id = IntAttr()


def _time(seconds: float) -> str:
    return f"{seconds:.3f}"


def build_junit(results: list[LearnerResult], level: str, *, when: datetime | None = None) -> JUnitXml:
    stamp = (when or datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    host = socket.gethostname() or "localhost"
    xml = JUnitXml("judge grade")
    for index, r in enumerate(sorted(results, key=lambda r: r.learner)):
        suite = _Suite(r.learner or "unnamed")
        suite.package = "judge.grade"
        suite.id = index
        suite.hostname = host
        suite.timestamp = stamp
        props = Properties()
        for name, value in (
            ("score", f"{r.score:g}"),
            ("max_score", f"{r.max_score:g}"),
            ("commit", r.commit),
        ):
            props.add_property(Property(name, value))
        suite.append(props)
        for p in r.problems:
            case = TestCase(p.problem, classname=r.learner or "unnamed", time=p.time_ms / 1000)
            case.time = round(p.time_ms / 1000, 3)
            text = problem_text(p, level)
            if p.status is Status.MISSING:
                case.result = [Skipped(p.message or "no solution found")]
            elif p.status is Status.ERROR:
                err = Error(p.message or "internal error", "IE")
                err.text = text
                case.result = [err]
            elif not p.accepted:
                fail = Failure(f"{p.verdict}: {p.tests_passed}/{p.tests_total} tests passed", p.verdict)
                fail.text = text
                case.result = [fail]
            suite.add_testcase(case)
        suite.append(SystemOut(""))
        suite.append(SystemErr(""))
        suite.update_statistics()
        suite.time = round(sum(p.time_ms for p in r.problems) / 1000, 3)
        xml.add_testsuite(suite)
    xml.update_statistics()
    return xml


def render_junit(results: list[LearnerResult], level: str, *, when: datetime | None = None) -> bytes:
    xml = build_junit(results, level, when=when)
    return xml.tostring()
