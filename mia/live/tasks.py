"""The live app's kind of job: the themes of a round's cards for the crowd wall, in the background."""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.analysis.themes import ThemeInputError, find_themes
from mia.dialogues.models import Round
from mia.jobs.registry import JobFailed, register
from mia.live import actions
from mia.live.state import visible_cards

MIN_CARDS_FOR_THEMES = 6  # below this a list says more than themes do
MAX_CARDS_FOR_THEMES = 5000  # the newest; a bigger room still gets its themes within seconds


def may_view_wall_themes(user, job) -> bool:
    round_ = Round.objects.filter(pk=job.params.get("round")).select_related("session__assessment").first()
    return round_ is not None and rules.has_perm("assessments.change_assessment", user, round_.session.assessment)


@register(actions.WALL_THEMES_JOB, label=gettext_lazy("Thema's op de kaartjesmuur"), may_view=may_view_wall_themes)
def find_wall_themes(context) -> dict:
    round_ = Round.objects.filter(pk=context.params["round"]).select_related("session").first()
    if round_ is None:
        raise JobFailed(_("Deze ronde bestaat niet meer."))
    cards = list(visible_cards(round_).order_by("-updated_at", "-id").values_list("pk", "text")[:MAX_CARDS_FOR_THEMES])
    themes = []
    if len(cards) >= MIN_CARDS_FOR_THEMES:
        context.progress(0.1, _("Thema's zoeken"))
        try:
            result = find_themes([text for _pk, text in cards], ids=[pk for pk, _text in cards], method="tfidf", seed=0)
        except ThemeInputError:
            result = None
        if result is not None:
            # The quotes keep their card's id, so a card hidden or withdrawn later is not quoted on the wall.
            themes = [{"label": t.label, "size": t.size, "quotes": [{"id": q.id, "text": q.text} for q in t.quotes[:3]]}
                      for t in result.themes]
    actions.store_wall_themes(round_, themes, len(cards))
    return {"themes": len(themes), "cards": len(cards)}
