"""Fase D: what the linked sessions and consultation series produced, per goal of the thema-aanpak.

Counts (sessions, participants, cards), reach per target group, the themes across all
their cards with the rode-draad candidates (themes found in more than one session),
the policy actions distilled and the revised goals.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from mia.analysis.themes import ThemeInputError, find_themes
from mia.programmes import sources
from mia.programmes.models import Cycle

# Below this many cards a list says more than themes do (as on the plenary screen).
MIN_CARDS_FOR_THEMES = 6
# Small counts of people are never shown (1 to 4 could point at a person).
SMALL_COUNT = 5
ALL = "all"
UNASSIGNED = "none"
QUOTES = 3


def group_key(goal_id) -> str:
    return f"goal:{goal_id}"


def _groups(cycle: Cycle) -> dict[str, list]:
    """The links behind every goal, behind no goal, and all of them."""
    links = list(cycle.links.select_related("session__assessment", "series").prefetch_related("goals", "target_groups"))
    groups: dict[str, list] = {ALL: links}
    for goal in cycle.goals.all():
        groups[group_key(goal.pk)] = [link for link in links if any(g.pk == goal.pk for g in link.goals.all())]
    groups[UNASSIGNED] = [link for link in links if not link.goals.all()]
    return groups


def compute_themes(cycle: Cycle, progress=None, method: str = "auto") -> dict:
    """Run the theme analysis per group of links (outside any transaction), then store it in one short one.
    A group with exactly the cards of one already analysed (a goal all sessions serve) reuses that result."""
    from mia.programmes.actions import save_theme_result

    report = progress or (lambda fraction, step="": None)
    groups = {key: links for key, links in _groups(cycle).items() if links}
    result: dict[str, dict] = {}
    done: dict[tuple, dict] = {}
    all_cards = sources.cards_of(groups.get(ALL, []))
    for n, (key, links) in enumerate(groups.items()):
        report(n / max(len(groups), 1), _("Thema’s zoeken"))
        cards = all_cards if key == ALL else sources.cards_of(links)
        signature = tuple(c.id for c in cards)
        if signature not in done:
            done[signature] = _themes_of(cards, method)
        result[key] = done[signature]
    save_theme_result(cycle.pk, result, len(sources.visible_card_ids(groups.get(ALL, []))))
    return result


def _themes_of(cards: list[sources.LinkedCard], method: str = "auto") -> dict:
    if len(cards) < MIN_CARDS_FOR_THEMES:
        return {"themes": [], "cards": len(cards),
                "message": _("Te weinig kaartjes voor thema’s (%(n)d; minstens %(min)d nodig).") % {"n": len(cards), "min": MIN_CARDS_FOR_THEMES}}
    try:
        found = find_themes([c.text for c in cards], ids=[c.id for c in cards], groups={"sessie": [c.source for c in cards]}, seed=0,
                            method=method)
    except ThemeInputError as error:
        return {"themes": [], "cards": len(cards), "message": str(error)}
    return {
        "cards": len(cards),
        "method": found.method,
        "message": "",
        "themes": [
            {"label": t.label, "size": t.size, "rode_draad": t.rode_draad, "is_other": t.is_other,
             "sessions": sorted(t.spread.get("sessie", {})),
             "quotes": [{"id": q.id, "text": q.text} for q in t.quotes[:QUOTES]]}
            for t in found.themes
        ],
    }


def shown_count(n: int) -> str:
    """People counts of 1 to 4 are shown as "minder dan 5"."""
    if 0 < n < SMALL_COUNT:
        return _("minder dan %(n)d") % {"n": SMALL_COUNT}
    return str(n)


def _summary(links, counts) -> dict:
    participants = sum(counts[link.pk]["participants"] for link in links)
    cards = sum(counts[link.pk]["cards"] for link in links)
    per_group: dict[str, int] = defaultdict(int)
    for link in links:
        groups = [t.label for t in link.target_groups.all()] or [_("Doelgroep niet vastgelegd")]
        for label in groups:
            per_group[label] += counts[link.pk]["participants"]
    reach: dict[str, int] = defaultdict(int)
    for link in links:
        if link.reach:
            reach[link.get_reach_display()] += 1
    return {
        "sessions": sum(counts[link.pk]["sessions"] for link in links), "participants": participants,
        "participants_shown": shown_count(participants),
        "cards": cards,
        "per_target_group": [{"label": label, "participants": n, "shown": shown_count(n)} for label, n in per_group.items()],
        "per_reach": dict(reach),
    }


def _visible_themes(stored: dict, visible: set) -> dict:
    """The stored themes with only the quotes of cards still visible (a withdrawn consent hides them)."""
    shown = {}
    for key, result in (stored or {}).items():
        themes = []
        for theme in result.get("themes", []):
            quotes = [q["text"] for q in theme.get("quotes", []) if isinstance(q, dict) and q.get("id") in visible]
            themes.append({**theme, "quotes": quotes})
        shown[key] = {**result, "themes": themes}
    return shown


def evaluation(cycle: Cycle) -> dict:
    """Everything the fase D page, the exports and the JSON show."""
    groups = _groups(cycle)
    links = groups[ALL]
    counts = sources.counts_per_link(links)
    visible = sources.visible_card_ids(links)
    themes = _visible_themes(cycle.themes_result, visible) if cycle.themes_result else {}
    actions = list(cycle.policy_actions.select_related("goal"))
    goals = []
    for goal in cycle.goals.all():
        goal_links = groups[group_key(goal.pk)]
        goals.append({
            "goal": goal, "links": goal_links, "summary": _summary(goal_links, counts),
            "themes": themes.get(group_key(goal.pk)), "actions": [a for a in actions if a.goal_id == goal.pk],
        })
    current_cards = len(visible)
    return {
        "links": [{"link": link, **counts[link.pk], "participants_shown": shown_count(counts[link.pk]["participants"])}
                  for link in links],
        "total": _summary(links, counts),
        "goals": goals,
        "unassigned": {"links": groups[UNASSIGNED], "summary": _summary(groups[UNASSIGNED], counts),
                       "themes": themes.get(UNASSIGNED), "actions": [a for a in actions if a.goal_id is None]},
        "themes_all": themes.get(ALL),
        "themes_computed_at": cycle.themes_computed_at,
        "themes_stale": bool(cycle.themes_computed_at) and current_cards != cycle.themes_card_count,
        "actions": actions,
        "themes": themes,
    }
