"""`judge new`: scaffold a problem folder and its reference-solution stubs."""

from __future__ import annotations

from pathlib import Path

from judge.catalog import SLUG_RE, list_slugs
from judge.errors import UserError
from judge.languages import kinds
from judge.paths import problems_root, solutions_root


def scaffold(slug: str, kind_name: str) -> list[Path]:
    """Write every file a problem of this kind needs; refuse to overwrite anything."""
    all_kinds = kinds()
    if kind_name not in all_kinds:
        raise UserError(f"Unknown kind '{kind_name}'; use one of {', '.join(sorted(all_kinds))}.")
    if not SLUG_RE.match(slug):
        raise UserError(f"'{slug}' is not a slug: use lowercase letters, digits and underscores.")
    if slug in list_slugs():
        raise UserError(f"Problem '{slug}' already exists; pick another slug or edit it in place.")
    kind = all_kinds[kind_name]
    folder = problems_root() / kind.folder / slug
    solutions = solutions_root() / slug
    planned = {folder / rel: text for rel, text in kind.scaffold(slug).items()}
    planned |= {solutions / rel: text for rel, text in kind.solutions_scaffold(slug).items()}
    existing = [p for p in planned if p.exists()]
    if folder.exists() or existing:
        raise UserError(f"{existing[0] if existing else folder} already exists; judge new never overwrites.")
    for path, text in planned.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(planned)
