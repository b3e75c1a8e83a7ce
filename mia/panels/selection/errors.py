"""Errors of panel selection. Messages are Dutch because they are shown to policy teams as they are."""

from __future__ import annotations

from dataclasses import dataclass

# Enough to fix a file in one go without flooding the screen with thousands of lines.
MAX_ISSUES_IN_MESSAGE = 25


@dataclass(frozen=True)
class Issue:
    """One problem in an input file, located by spreadsheet row (header = row 1) and column."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return self.message


class PanelSelectionError(Exception):
    """Base class: every error of this package carries a Dutch message fit for end users."""


class PanelInputError(PanelSelectionError, ValueError):
    """An input file (pool or quotas) cannot be used; holds every issue found, not only the first."""

    def __init__(self, issues: list[Issue] | str, *, source: str = "") -> None:
        if isinstance(issues, str):
            issues = [Issue(issues)]
        self.issues = list(issues)
        self.source = source
        super().__init__(self.summary())

    def summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        shown = [str(issue) for issue in self.issues[:MAX_ISSUES_IN_MESSAGE]]
        hidden = len(self.issues) - len(shown)
        if hidden > 0:
            shown.append(f"... en nog {hidden} andere meldingen.")
        if len(shown) == 1:
            return head + shown[0]
        return head + f"{len(self.issues)} problemen gevonden:\n- " + "\n- ".join(shown)


class SelectionError(PanelSelectionError):
    """The selection cannot run with these settings (panel size, forced people, ...)."""


class InfeasibleQuotasError(SelectionError):
    """No panel meets all quotas; `explanation` says which quotas conflict and how to relax them."""

    def __init__(self, explanation) -> None:  # explanation: infeasible.Explanation (avoid import cycle)
        self.explanation = explanation
        super().__init__(explanation.text())
