# Wrong: finds the right rows (first and second row per department after sorting by salary)
# but forgets the final sort_values("department"): the merge keeps the order of the top
# earners, highest salary first. The rows are right, the order is not; rejected by sample.
import pandas as pd


def top_two_salary_gap(employees: pd.DataFrame) -> pd.DataFrame:
    by_salary = employees.sort_values("salary", ascending=False)
    first = by_salary.drop_duplicates("department")
    second = by_salary[by_salary.duplicated("department")].drop_duplicates("department")
    both = first.merge(second, on="department", suffixes=("_1", "_2"))
    return pd.DataFrame({"department": both["department"], "salary_gap": both["salary_1"] - both["salary_2"]})
