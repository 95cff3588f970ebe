# Wrong: the classic "second highest salary" idiom, drop_duplicates on (department, salary)
# before taking the top two. That is the second highest DISTINCT salary: a tie at the top gives
# the gap to the next lower salary instead of 0, and a department where everybody earns the
# same disappears. Rejected by ties and bulk.
import pandas as pd


def top_two_salary_gap(employees: pd.DataFrame) -> pd.DataFrame:
    distinct = employees.drop_duplicates(["department", "salary"])
    top_two = distinct.sort_values("salary", ascending=False).groupby("department").head(2)
    stats = top_two.groupby("department")["salary"].agg(["max", "min", "size"]).reset_index()
    stats = stats[stats["size"] == 2]
    result = pd.DataFrame({"department": stats["department"], "salary_gap": stats["max"] - stats["min"]})
    return result.sort_values("department").reset_index(drop=True)
