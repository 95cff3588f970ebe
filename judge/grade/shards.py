"""`--shard I/N`: a deterministic share of the cohort, by a stable hash of the learner id,
so that a CI matrix of N jobs grades every learner exactly once, whatever the order of the
paths or the machine."""

from __future__ import annotations

import hashlib
import re

from judge.errors import UserError


def parse_shard(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m[1]) <= int(m[2]):
        raise UserError(f"--shard '{text}' must be I/N with 1 <= I <= N, e.g. --shard 2/3.")
    return int(m[1]), int(m[2])


def shard_of(learner_id: str, count: int) -> int:
    """1-based shard of a learner among `count`."""
    digest = hashlib.sha256(learner_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(learner_id: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or shard_of(learner_id, shard[1]) == shard[0]
