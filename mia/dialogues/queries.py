from mia.dialogues.models import ConclusionCard


def assessment_cards(assessment):
    """All cards of an assessment that may be shown (see ``CardQuerySet.visible``), across its sessions,
    in a stable order."""
    return ConclusionCard.objects.filter(round__session__assessment=assessment).visible().select_related(
        "participant__session", "round__session", "round__question"
    ).order_by("round__session__position", "round__position", "participant__number", "id")
