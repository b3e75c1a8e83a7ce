"""The instrument content of an MIA, when only its id is at hand (a card, a participant)."""

from __future__ import annotations

from functools import lru_cache

from mia.instrument.content import InstrumentContent
from mia.instrument.versions import content_for


def content_of(assessment_id: int) -> InstrumentContent:
    return content_for(_version_of(assessment_id))


@lru_cache(maxsize=4096)
def _version_of(assessment_id: int) -> int:
    # An assessment keeps the version it started with, so this never goes stale.
    from mia.assessments.models import Assessment

    return Assessment.objects.values_list("content_version_id", flat=True).get(pk=assessment_id)


def forget_cached_versions() -> None:
    _version_of.cache_clear()
