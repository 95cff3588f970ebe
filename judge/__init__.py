"""judge: an auto-graded coding and SQL practice judge."""

__version__ = "0.1.0"
