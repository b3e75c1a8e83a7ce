"""Rendering a step page of an MIA: the page's own context plus the instrument's guidance
for that step. The step navigation is drawn by the page layout (``workspace/step_page.html``)."""

from __future__ import annotations

from django.shortcuts import render

from mia.assessments.models import Assessment

# Which guidance texts (step / sub-step codes of the instrument) go beside which page.
GUIDES = {
    "scan": ["1", "1a", "1b"],
    "decision": ["1a"],
    "domains": ["1c"],
    "participants": ["2", "2a"],
    "questions": ["2b"],
    "preparation": ["2c"],
    "dialogue": ["3", "3a", "3b", "3c"],
    "themes": ["4a"],
    "chart": ["4", "4a"],
    "conclusions": ["4a", "4b", "4c"],
}


def step_context(assessment: Assessment, page: str, **extra) -> dict:
    codes = GUIDES.get(page, [])
    guides = assessment.content_version.stepguide_set.filter(code__in=codes)
    content = assessment.content
    # The tool of a sub-step (its instructions) and the seed's onward links sit beside the work.
    tools = list(dict.fromkeys(t for code in codes if len(code) == 2 for t in content.tools_for(code)))
    links = list(dict.fromkeys(link for code in codes if len(code) == 2 for link in content.links_for(code)))
    return {"assessment": assessment, "guides": guides, "tools": tools, "links": links, "page": page, **extra}


def render_step(request, template: str, assessment: Assessment, page: str, status: int = 200, **extra):
    return render(request, template, step_context(assessment, page, **extra), status=status)
