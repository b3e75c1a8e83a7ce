"""Errors of panel selection. Messages are Dutch because they are shown to policy teams as they are."""

from __future__ import annotations

from mia.core.tables import Issue, TableError

__all__ = ["Issue", "PanelSelectionError", "PanelInputError", "SelectionError", "InfeasibleQuotasError"]


class PanelSelectionError(Exception):
    """Base class: every error of this package carries a Dutch message fit for end users."""


class PanelInputError(PanelSelectionError, TableError):
    """An input file (pool or quotas) cannot be used; holds every issue found, not only the first."""


class SelectionError(PanelSelectionError):
    """The selection cannot run with these settings (panel size, forced people, ...)."""


class InfeasibleQuotasError(SelectionError):
    """No panel meets all quotas; `explanation` says which quotas conflict and how to relax them."""

    def __init__(self, explanation) -> None:  # explanation: infeasible.Explanation (avoid import cycle)
        self.explanation = explanation
        super().__init__(explanation.text())
