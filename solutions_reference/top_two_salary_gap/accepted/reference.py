# Reference (pandas): sort by salary, highest first, and keep each department's first two rows
# (groupby().head(2): two equal top salaries are two rows, so their gap is 0); departments with
# two rows give max - min of those two; sorted by department as the statement asks.
import pandas as pd


def top_two_salary_gap(employees: pd.DataFrame) -> pd.DataFrame:
    top_two = employees.sort_values("salary", ascending=False).groupby("department").head(2)
    stats = top_two.groupby("department")["salary"].agg(["max", "min", "size"]).reset_index()
    stats = stats[stats["size"] == 2]
    result = pd.DataFrame({"department": stats["department"], "salary_gap": stats["max"] - stats["min"]})
    return result.sort_values("department").reset_index(drop=True)
