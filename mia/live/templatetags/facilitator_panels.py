from django import template
from django.utils.safestring import mark_safe

from mia.live.facilitator_panels import render_facilitator_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def facilitator_panels(context, session):
    """The panels other apps registered for the facilitator screen (see mia.live.facilitator_panels)."""
    # Panels return HTML they built with the template engine (auto-escaped).
    return mark_safe("".join(render_facilitator_panels(context.get("request"), session)))
