"""The step navigation and the progress overview of an MIA, for any step page.

Step pages of the lower apps extend ``workspace/step_page.html``, which draws the
navigation with these tags: the apps render their pages, this layer adds what
connects them, and no app below has to import it."""

from django import template

from mia.dialogues.queries import assessment_cards
from mia.workspace.progress import step_nav, step_progress

register = template.Library()


@register.inclusion_tag("workspace/step_nav.html")
def step_navigation(assessment, page):
    return {"nav": step_nav(assessment, page)}


@register.inclusion_tag("workspace/progress.html")
def step_overview(assessment):
    return {"assessment": assessment, "steps": step_progress(assessment)}


@register.inclusion_tag("workspace/participant_ideas.html")
def participant_ideas(assessment):
    """Step 4B: the idea cards the participants wrote, per question (pseudonyms only)."""
    idea_kind = assessment.content.card_types[1].code
    groups: dict[str, list] = {}
    for card in assessment_cards(assessment).filter(kind=idea_kind):
        groups.setdefault(card.round.title, []).append(card)
    return {"groups": list(groups.items())}


@register.simple_tag
def working_parent(assessment):
    """For the working record of a consultation session: where it belongs ({"label", "url"}), else None.
    Such an MIA is not in "Mijn MIA's", so its pages lead back to the consultation instead."""
    from mia.assessments.models import Kind

    if assessment.kind != Kind.WORKING:
        return None
    from django.urls import reverse

    from mia.consultations.models import Session

    session = Session.objects.filter(dialogue__assessment=assessment).select_related("series").first()
    if session is None:
        return None
    return {"label": session.series.title, "url": reverse("consultations:session", args=[session.series_id, session.pk])}
