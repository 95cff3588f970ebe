"""`judge grade`: cohorts of learner repositories graded into a gradebook (and `judge merge`).

discover (solutions by file name) -> deadline (the commit before a time, from git) ->
pipeline (the one adapter to the judge) -> grader (one learner) -> runner (parallel,
resumable, sharded) -> store (atomic per-learner results) -> outputs (every format from one
result model) -> similarity (flags, never grades).
"""
