"""Small template helpers of the inclusion pages."""

from django import template

register = template.Library()


@register.filter
def blocks(text: str) -> list[dict]:
    """Split a content text into paragraphs and lists ("- " lines), so templates never mark up text themselves."""
    result = []
    for paragraph in (text or "").split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            result.append({"items": [line[2:] for line in lines]})
        elif lines:
            result.append({"text": " ".join(lines)})
    return result


@register.filter
def get(mapping, key):
    """``mapping|get:key`` for dicts in templates."""
    if mapping is None:
        return ""
    return mapping.get(key, "")
