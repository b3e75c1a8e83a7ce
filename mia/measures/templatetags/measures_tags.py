"""Small display helpers for the impact team's templates."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def get(mapping, key):
    """``{{ labels|get:level }}``: a dict lookup in a template."""
    if mapping is None:
        return ""
    return mapping.get(key, "")


@register.filter
def num(value, decimals=3):
    """A number the Dutch way, with a fixed number of decimals ('–' when there is none)."""
    if value is None or value == "":
        return "–"
    # Round first: number_format cuts the decimals off (-0.8999 would show as -0,8).
    return number_format(round(float(value), int(decimals)), int(decimals), use_l10n=True, force_grouping=False)


@register.filter
def pct(share, decimals=1):
    """A share (0..1) as a percentage: 0.125 → '12,5%'."""
    if share is None:
        return "–"
    return f"{number_format(round(100 * float(share), int(decimals)), int(decimals), use_l10n=True)}%"


@register.filter
def heat(value):
    """The CSS class of a heat-map cell (severity 0..5)."""
    try:
        level = max(0, min(5, int(value)))
    except (TypeError, ValueError):
        level = 0
    return f"heat-{level}"


@register.filter
def raw_weight(value):
    """An upper bound of a raw weight: None means no limit."""
    if value is None:
        return "onbeperkt"
    return number_format(round(float(value), 2), 2, use_l10n=True)
