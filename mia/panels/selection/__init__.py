"""Fair panel selection, pure Python (no Django): read pool and quotas, select, explain, report.

from mia.panels.selection import read_quotas, read_pool, select_panel, result_to_json
quotas = read_quotas("features.csv")
pool = read_pool("people.csv", quotas)
result = select_panel(pool, quotas, k=20, seed=42)
"""

from .errors import InfeasibleQuotasError, Issue, PanelInputError, PanelSelectionError, SelectionError
from .infeasible import Explanation, explain_infeasibility
from .pool import Person, Pool, Quota, Quotas, read_pool, read_quotas
from .problem import build_problem
from .representativeness import DIVERSITY_FACTORS, RepresentativenessReport, representativeness_report
from .selection import (
    ALGORITHMS,
    SelectionResult,
    replace_dropouts_by_id,
    result_to_dict,
    result_to_json,
    select_panel,
)

__all__ = [
    "ALGORITHMS",
    "DIVERSITY_FACTORS",
    "Explanation",
    "InfeasibleQuotasError",
    "Issue",
    "PanelInputError",
    "PanelSelectionError",
    "Person",
    "Pool",
    "Quota",
    "Quotas",
    "RepresentativenessReport",
    "SelectionError",
    "SelectionResult",
    "build_problem",
    "explain_infeasibility",
    "read_pool",
    "read_quotas",
    "replace_dropouts_by_id",
    "representativeness_report",
    "result_to_dict",
    "result_to_json",
    "select_panel",
]
