# Wrong: highest minus LOWEST salary of the whole department, which is the top-two gap only in
# departments of exactly two employees. Rejected by sample (engineering has three).
import pandas as pd


def top_two_salary_gap(employees: pd.DataFrame) -> pd.DataFrame:
    stats = employees.groupby("department")["salary"].agg(["max", "min", "size"]).reset_index()
    stats = stats[stats["size"] >= 2]
    return pd.DataFrame({"department": stats["department"], "salary_gap": stats["max"] - stats["min"]})
