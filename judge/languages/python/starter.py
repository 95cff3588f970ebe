"""A Python starter file: the entry point with its signature and a docstring."""

from __future__ import annotations

import textwrap

from judge.models import Problem

LEETCODE_TYPES = {"list[": "List[", "dict[": "Dict[", "set[": "Set[", "tuple[": "Tuple["}


def _first_paragraph(problem: Problem) -> str:
    text = problem.statement_path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return paragraphs[0] if paragraphs else problem.title


def _docstring(problem: Problem, indent: str) -> str:
    body = textwrap.fill(_first_paragraph(problem), width=88 - len(indent))
    return textwrap.indent(
        f'"""{body}\n\nSee `judge show {problem.slug}` for the whole statement.\n"""', indent
    )


def _leetcode_types(signature: str) -> str:
    for plain, typing_name in LEETCODE_TYPES.items():
        signature = signature.replace(plain, typing_name)
    return signature


def _method_stub(signature: str, indent: str) -> str:
    returns_none = signature.rstrip(":").endswith("-> None") or "def __init__" in signature
    body = "pass" if returns_none else "raise NotImplementedError"
    return f"{indent}{signature.rstrip(':')}:\n{indent}    {body}\n"


def starter(problem: Problem, leetcode: bool = False) -> str:
    ep = problem.entry_point
    assert ep is not None
    if ep.is_class:
        methods = ep.methods or ("def __init__(self) -> None",)
        parts = [f"class {ep.class_name}:\n", _docstring(problem, "    "), "\n"]
        parts += ["\n" + _method_stub(m, "    ") for m in methods]
        return "".join(parts)
    signature = (ep.signature or f"def {ep.function}(*args)").rstrip(":")
    if leetcode and ep.leetcode_method:
        params = signature[signature.index("(") + 1 :]
        sep = "" if params.startswith(")") else ", "
        method = _leetcode_types(f"def {ep.leetcode_method}(self{sep}{params}")
        body = f"{_docstring(problem, '        ')}\n        raise NotImplementedError\n"
        return f"class Solution:\n    {method}:\n{body}"
    return f"{signature}:\n{_docstring(problem, '    ')}\n    raise NotImplementedError\n"
