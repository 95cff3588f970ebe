"""A small self-contained HTML report per learner, for a CI job to upload as an artifact.
It is the learner's: it follows the feedback level."""

from __future__ import annotations

from html import escape

from judge.grade.outputs import case_text, learner_view
from judge.grade.results import LearnerResult
from judge.models import Verdict

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}"
    ".AC{color:#0a0}.fail{color:#b00}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}"
)


def learner_html(result: LearnerResult, level: str, title: str = "") -> str:
    e = escape
    rows = []
    details = []
    for p in result.problems:
        cls = "AC" if p.accepted else "fail"
        rows.append(
            f"<tr><td>{e(p.problem)}{' (required)' if p.required else ''}</td>"
            f"<td class='{cls}'>{e(p.verdict or str(p.status))}</td>"
            f"<td>{p.tests_passed}/{p.tests_total}</td><td>{p.score:g}/{p.max_score:g}</td>"
            f"<td>{e(p.message.splitlines()[0] if p.message else '')}</td></tr>"
        )
        view = learner_view(p, level)
        if view is None or p.accepted:
            continue
        failing = [case_text(t, level) for t in view.tests if t.verdict is not Verdict.AC]
        if view.withheld:
            failing.append(f"{view.withheld} hidden tests not shown ({view.withheld_passed} passed)")
        details.append(f"<h3>{e(p.problem)}</h3><pre>{e(chr(10).join(failing[:20]))}</pre>")
    commit = (
        f"<p>Graded commit <code>{e(result.commit)}</code> ({e(result.commit_time)})</p>"
        if result.commit
        else ""
    )
    notes = "".join(f"<p>{e(n)}</p>" for n in result.notes)
    heading = e(f"{title}: {result.learner}" if title else result.learner)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{heading}</title>"
        f"<style>{STYLE}</style></head><body><h1>{heading}</h1>"
        f"<p><strong>Score: {result.score:g}/{result.max_score:g}</strong></p>{commit}{notes}"
        "<table><tr><th>problem</th><th>result</th><th>tests</th><th>score</th><th>note</th></tr>"
        f"{''.join(rows)}</table>{''.join(details)}</body></html>\n"
    )
