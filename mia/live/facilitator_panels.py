"""Extension point of the facilitator screen: panels that apps above ``live`` add to it.

The live app knows nothing of the apps above it; an app that wants to show something
to the facilitator of a session (the programmes app shows the five guidelines for
dialogue when the session is linked to a programme) registers a function from its
``AppConfig.ready``::

    register_facilitator_panel("programmes.guidelines", guidelines_panel)

``guidelines_panel(request, session)`` returns HTML (already escaped, e.g. from
``render_to_string``) or ``""`` when it has nothing to show for this session. The
facilitator template draws every non-empty panel with ``{% facilitator_panels session %}``.
A panel must only read: the screen is a GET.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

Panel = Callable[[object, object], str]
_panels: dict[str, Panel] = {}


def register_facilitator_panel(name: str, panel: Panel) -> None:
    """Register (or replace, by name) a panel; called from an app's ``ready``."""
    _panels[name] = panel


def render_facilitator_panels(request, session) -> list[str]:
    """The HTML of every panel with something to show, in registration order."""
    html = []
    for name, panel in _panels.items():
        try:
            part = panel(request, session)
        except Exception:  # one broken panel must not take the facilitator's screen down mid-dialogue
            log.exception("facilitator panel %s failed", name)
            continue
        if part:
            html.append(part)
    return html
