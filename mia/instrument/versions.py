"""The typed content of a stored version: the one way the app reads the instrument.

``content_for(version)`` parses the version as it is now in the database (rows a beheerder
edited in the admin, plus the texts of the stored document) into ``InstrumentContent``,
validated, and keeps it per version. Versions that an assessment uses are frozen, so the
cache is safe; saving or deleting a content row in this process empties it (and the test
suite empties it before every test, as its databases are emptied and refilled).
"""

from __future__ import annotations

from functools import lru_cache

from mia.instrument.content import InstrumentContent, parse_content
from mia.instrument.models import ContentVersion
from mia.instrument.serialise import version_document


def content_for(version: ContentVersion | int) -> InstrumentContent:
    return _parsed(version.pk if isinstance(version, ContentVersion) else int(version))


@lru_cache(maxsize=32)
def _parsed(pk: int) -> InstrumentContent:
    return parse_content(version_document(ContentVersion.objects.get(pk=pk)))


def forget_cached_content(**kwargs) -> None:
    _parsed.cache_clear()
