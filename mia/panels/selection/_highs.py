"""Thin helpers around highspy, so the algorithms read as algebra rather than solver plumbing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

INF = highspy.kHighsInf


@dataclass
class Rows:
    """Rows collected before the model is passed to HiGHS in one go (much faster than row by row)."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    indices: list[Sequence[int]] = field(default_factory=list)
    values: list[Sequence[float]] = field(default_factory=list)

    def add(self, indices: Sequence[int], values: Sequence[float], lower: float = -INF, upper: float = INF) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.indices.append(indices)
        self.values.append(values)
        return len(self.lower) - 1

    def __len__(self) -> int:
        return len(self.lower)


def new_highs(**options) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    for key, value in options.items():
        highs.setOptionValue(key, value)
    return highs


def pass_model(
    highs: highspy.Highs,
    *,
    cost: Sequence[float],
    lower: Sequence[float],
    upper: Sequence[float],
    rows: Rows,
    integer: Sequence[bool] | None = None,
    maximise: bool = False,
) -> None:
    lp = highspy.HighsLp()
    lp.num_col_ = len(cost)
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.asarray(lower, dtype=float)
    lp.col_upper_ = np.asarray(upper, dtype=float)
    lp.row_lower_ = np.asarray(rows.lower, dtype=float)
    lp.row_upper_ = np.asarray(rows.upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts = np.zeros(len(rows) + 1, dtype=np.int32)
    starts[1:] = np.cumsum([len(indices) for indices in rows.indices])
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = np.fromiter(
        (i for indices in rows.indices for i in indices), dtype=np.int32, count=int(starts[-1])
    )
    lp.a_matrix_.value_ = np.fromiter((v for values in rows.values for v in values), dtype=float, count=int(starts[-1]))
    lp.sense_ = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    if integer is not None and any(integer):
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in integer
        ]
    highs.passModel(lp)


def status(highs: highspy.Highs) -> highspy.HighsModelStatus:
    return highs.getModelStatus()


def is_optimal(highs: highspy.Highs) -> bool:
    return highs.getModelStatus() == highspy.HighsModelStatus.kOptimal


def is_infeasible(highs: highspy.Highs) -> bool:
    return highs.getModelStatus() in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    )


def column_values(highs: highspy.Highs) -> np.ndarray:
    return np.asarray(highs.getSolution().col_value, dtype=float)
