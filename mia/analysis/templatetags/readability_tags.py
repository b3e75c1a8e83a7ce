from django import template

from mia.analysis.readability import check_text

register = template.Library()


@register.inclusion_tag("analysis/readability_box.html")
def readability_box(text, field_id):
    """The plain-language verdict for a text participants will read, shown under its field."""
    return {"report": check_text(text) if (text or "").strip() else None, "field_id": field_id}
