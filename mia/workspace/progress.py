"""Which parts of an assessment are filled in: the progress overview and step navigation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mia.assessments.models import Assessment, Status
from mia.dialogues.models import ConclusionCard, Participant


@dataclass
class Part:
    code: str
    label: str
    url_name: str
    done: bool


@dataclass
class StepProgress:
    number: int
    title: str
    parts: list[Part] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return all(p.done for p in self.parts)


def step_progress(a: Assessment) -> list[StepProgress]:
    has_cards = ConclusionCard.objects.filter(round__session__assessment=a).exists()
    has_participants = Participant.objects.filter(session__assessment=a).exists()
    steps = [
        StepProgress(1, _("Oriëntatie"), [
            Part("scan", _("MIA-scan"), "assessments:scan", a.scan_answers.exclude(effect="").exists()),
            Part("decision", _("Besluit: verder of niet"), "assessments:decision", a.impact_suspected is not None),
            Part("domains", _("Domeinverkenner"), "assessments:domains", a.domain_answers.exclude(relevant=None).exists()),
        ]),
        StepProgress(2, _("Voorbereiding"), [
            Part("questions", _("Dialoogvragen kiezen"), "assessments:questions", a.questions.exists()),
            Part("participants", _("Deelnemers uitnodigen"), "dialogues:sessions", has_participants),
            Part("preparation", _("Werkvorm en uitnodiging"), "assessments:preparation", bool(a.invitation_text)),
        ]),
        StepProgress(3, _("MIA-dialoog"), [
            Part("dialogue", _("Agenda, kaartjes en invoer"), "dialogues:step3", has_cards),
            Part("themes", _("Thema's in de kaartjes"), "analysis:themes", a.theme_sets.exists()),
        ]),
        StepProgress(4, _("Vervolg"), [
            Part("chart", _("MIA-Chart"), "assessments:chart", a.chart_ratings.exclude(score=None).exists()),
            Part("conclusions", _("Conclusies en vervolgstappen"), "assessments:conclusions", a.conclusions.exclude(text="").exists()),
        ]),
    ]
    if a.status == Status.NO_IMPACT:
        # After a "no impact" decision only step 1 applies.
        steps = steps[:1]
    return steps


def step_nav(a: Assessment, current: str) -> list[dict]:
    items = [{"code": "overview", "label": _("Overzicht"), "url": reverse("assessments:detail", args=[a.pk]), "current": current == "overview"}]
    for step in step_progress(a):
        for part in step.parts:
            items.append({
                "code": part.code,
                "label": f"{step.number}. {part.label}",
                "url": reverse(part.url_name, args=[a.pk]),
                "current": part.code == current,
            })
    items.append({"code": "report", "label": _("Rapport"), "url": reverse("reports:report", args=[a.pk]), "current": current == "report"})
    # Colleagues are added and invited here (issue 10 item 8): one step from every page.
    items.append({"code": "members", "label": _("Kernteam en lezers"), "url": reverse("assessments:members", args=[a.pk]),
                  "current": current == "members"})
    return items
