"""The five guidelines for dialogue on the facilitator screen of a live session linked to a programme
(directly, or as a session of a linked consultation series)."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string

from mia.programmes.content import seed_content
from mia.programmes.models import CycleLink


def guidelines_panel(request, session) -> str:
    links = list(
        # The session itself, or a session of a linked consultation series.
        CycleLink.objects.filter(Q(session=session) | Q(series__sessions__dialogue=session))
        .select_related("cycle__programme", "cycle__theme").order_by("pk").distinct()
    )
    if not links:
        return ""
    content = seed_content()
    return render_to_string("programmes/guidelines_panel.html", {
        "guidelines": content.guidelines, "title": content.guidelines_title, "source": content.guidelines_source,
        "cycles": [link.cycle for link in links],
    }, request=request)
