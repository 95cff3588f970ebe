"""Suspiciously similar submissions, per problem, with copydetect (winnowed fingerprints, as
MOSS does). Starter code and the reference solutions are boilerplate: code shared with them
does not count. It flags pairs for a person to look at; it never changes a grade."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape
from itertools import combinations
from pathlib import Path

from judge.grade.assignment import Assignment
from judge.grade.pipeline import boilerplate, problem
from judge.grade.roster import safe_name
from judge.grade.store import SUBMISSIONS, load_results, write_atomic

NOISE_TOKENS = 25
"""Matches shorter than this many tokens are ignored (copydetect's default)."""
GUARANTEE_TOKENS = 30
"""Matches at least this long are always found."""
THRESHOLD = 0.5
"""A pair is flagged when either file shares at least this share of its tokens with the other."""


@dataclass(frozen=True)
class Pair:
    problem: str
    learner_a: str
    learner_b: str
    similarity_a: float
    similarity_b: float
    tokens: int

    @property
    def score(self) -> float:
        return max(self.similarity_a, self.similarity_b)


def _fingerprint(name: str, text: str, boiler: list[int] | None):  # type: ignore[no-untyped-def]
    from copydetect import CodeFingerprint

    win = GUARANTEE_TOKENS - NOISE_TOKENS + 1
    return CodeFingerprint(name, NOISE_TOKENS, win, boilerplate=boiler, fp=io.StringIO(text))


def similar_pairs(slug: str, files: dict[str, tuple[str, str]], threshold: float = THRESHOLD) -> list[Pair]:
    """files: learner -> (file name, text). The pairs at or above the threshold, worst first."""
    from copydetect import compare_files

    hashes: set[int] = set()
    for name, text in boilerplate(problem(slug)):
        hashes.update(int(h) for h in _fingerprint(name, text, None).hashes)
    boiler = sorted(hashes)  # copydetect assumes unique boilerplate hashes
    prints = {who: _fingerprint(name, text, boiler) for who, (name, text) in sorted(files.items())}
    pairs = []
    for a, b in combinations(sorted(prints), 2):
        tokens, (sim_a, sim_b), _ = compare_files(prints[a], prints[b])
        pair = Pair(slug, a, b, round(float(sim_a), 3), round(float(sim_b), 3), int(tokens))
        if pair.score >= threshold:
            pairs.append(pair)
    return sorted(pairs, key=lambda p: (-p.score, p.learner_a, p.learner_b))


def collect(dirs: list[Path], slug: str) -> dict[str, tuple[str, str]]:
    """learner -> (file name, text) of their graded solution to `slug`, from runs' folders."""
    found = {}
    for d in dirs:
        for r in load_results(d):
            folder = d / SUBMISSIONS / safe_name(r.learner)
            for path in sorted(folder.glob(f"{slug}.*")):
                found[r.learner] = (path.name, path.read_text(encoding="utf-8", errors="replace"))
                break
    return found


def render_csv(pairs: list[Pair]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["problem", "learner_a", "learner_b", "similarity_a", "similarity_b", "shared_tokens"])
    for p in pairs:
        writer.writerow([p.problem, p.learner_a, p.learner_b, p.similarity_a, p.similarity_b, p.tokens])
    return buf.getvalue().encode("utf-8")


def render_html(pairs: list[Pair], files: dict[str, dict[str, tuple[str, str]]]) -> str:
    e = escape
    rows = "".join(
        f"<tr><td>{e(p.problem)}</td><td>{e(p.learner_a)}</td><td>{e(p.learner_b)}</td>"
        f"<td>{p.similarity_a:.0%}</td><td>{p.similarity_b:.0%}</td><td>{p.tokens}</td></tr>"
        for p in pairs
    )
    sides = "".join(
        f"<details><summary>{e(p.problem)}: {e(p.learner_a)} / {e(p.learner_b)} ({p.score:.0%})</summary>"
        f"<div style='display:flex;gap:1rem'><pre>{e(files[p.problem][p.learner_a][1])}</pre>"
        f"<pre>{e(files[p.problem][p.learner_b][1])}</pre></div></details>"
        for p in pairs
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Similar submissions</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{border:1px solid #ccc;"
        "padding:.3rem .6rem}table{border-collapse:collapse}pre{background:#f6f6f6;padding:.5rem;"
        "flex:1;overflow:auto}</style></head><body><h1>Similar submissions</h1>"
        f"<p>Pairs sharing at least {THRESHOLD:.0%} of either file's tokens, starter code and "
        "reference solutions excluded. A flag is a reason to look, not a verdict: grades are unchanged.</p>"
        "<table><tr><th>problem</th><th>learner A</th><th>learner B</th><th>of A</th><th>of B</th>"
        f"<th>shared tokens</th></tr>{rows}</table>{sides}</body></html>\n"
    )


def write_similarity(out: Path, dirs: list[Path], assignment: Assignment) -> list[Pair]:
    """similarity.csv and similarity.html under `out`, from the submissions kept in `dirs`."""
    pairs: list[Pair] = []
    files = {}
    for spec in assignment.problems:
        files[spec.slug] = collect(dirs, spec.slug)
        pairs += similar_pairs(spec.slug, files[spec.slug])
    write_atomic(out / "similarity.csv", render_csv(pairs))
    write_atomic(out / "similarity.html", render_html(pairs, files).encode("utf-8"))
    return pairs
