"""Programs that run inside the sandbox, on the learner's side of the channel.

They import nothing from `judge` (only the standard library, and duckdb for SQL) because they
are copied into containers and run with an isolated interpreter.
"""
