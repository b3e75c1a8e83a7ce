"""Small template helpers of the inclusion pages."""

from django import template

register = template.Library()


@register.filter
def blocks(text: str) -> list[dict]:
    """Split a content text into paragraphs and lists (lines that start with "- "), so templates
    never mark up text themselves."""
    result: list[dict] = []
    for paragraph in (text or "").split("\n\n"):
        prose: list[str] = []
        for line in (line.strip() for line in paragraph.splitlines()):
            if not line:
                continue
            if line.startswith("- "):
                if prose:
                    result.append({"paragraph": " ".join(prose)})
                    prose = []
                if result and "lines" in result[-1] and result[-1].get("open"):
                    result[-1]["lines"].append(line[2:])
                else:
                    result.append({"lines": [line[2:]], "open": True})
            else:
                if result and result[-1].get("open"):
                    result[-1]["open"] = False
                prose.append(line)
        if prose:
            result.append({"paragraph": " ".join(prose)})
        if result and result[-1].get("open"):
            result[-1]["open"] = False
    return result


@register.filter
def get(mapping, key):
    """``mapping|get:key`` for dicts in templates."""
    if mapping is None:
        return ""
    return mapping.get(key, "")
