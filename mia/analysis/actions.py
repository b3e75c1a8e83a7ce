"""Theme analysis of an assessment's cards, and the analyst's edits."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from mia.analysis.models import Theme, ThemeCard, ThemeSet
from mia.analysis.themes import find_themes
from mia.assessments.models import Assessment
from mia.dialogues.queries import assessment_cards


@transaction.atomic
def run_themes(assessment: Assessment, user, seed: int = 0, progress=None) -> ThemeSet:
    """Group every card into themes (raises ThemeInputError with a Dutch message)."""
    cards = list(assessment_cards(assessment))
    texts = [f"{c.topic}. {c.text}" if c.topic else c.text for c in cards]
    groups = {
        "sessie": [c.round.session.name for c in cards],
        "vraag": [c.round.label for c in cards],
        "perspectief": [c.participant.perspective_label if c.participant else "onbekend" for c in cards],
    }
    result = find_themes(texts, ids=[c.pk for c in cards], groups=groups, seed=seed, progress=progress)
    theme_set = ThemeSet.objects.create(
        assessment=assessment, created_by=user, method=result.method, seed=result.seed, warnings=result.warnings
    )
    for position, found in enumerate(result.themes):
        theme = Theme.objects.create(
            theme_set=theme_set, label=found.label[:200], automatic_label=found.label[:200], position=position,
            is_other=found.is_other, rode_draad=found.rode_draad, quote_ids=[q.id for q in found.quotes],
        )
        ThemeCard.objects.bulk_create(ThemeCard(theme_set=theme_set, theme=theme, card_id=i) for i in found.member_ids)
    return theme_set


def rename_theme(theme: Theme, label: str, summary: str) -> None:
    theme.label, theme.summary = label, summary
    theme.save(update_fields=["label", "summary"])


@transaction.atomic
def merge_themes(into: Theme, others: list[Theme]) -> None:
    for other in others:
        if other.pk == into.pk or other.theme_set_id != into.theme_set_id:
            continue
        other.placements.update(theme=into)
        into.quote_ids = into.quote_ids + [q for q in other.quote_ids if q not in into.quote_ids]
        into.rode_draad = into.rode_draad or other.rode_draad
        other.delete()
    into.save()


def move_card(placement: ThemeCard, theme: Theme) -> None:
    if theme.theme_set_id == placement.theme_set_id:
        placement.theme = theme
        placement.save(update_fields=["theme"])


@transaction.atomic
def split_theme(theme: Theme, placements: list[ThemeCard], label: str) -> Theme:
    """Move some cards of a theme into a new theme."""
    position = (theme.theme_set.themes.aggregate(m=Max("position"))["m"] or 0) + 1
    new = Theme.objects.create(theme_set=theme.theme_set, label=label, position=position)
    ThemeCard.objects.filter(pk__in=[p.pk for p in placements], theme=theme).update(theme=new)
    return new


def current_theme_set(assessment: Assessment) -> ThemeSet | None:
    return assessment.theme_sets.first()
