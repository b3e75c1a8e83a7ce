"""Copy a content version so a beheerder can edit it without touching assessments in progress."""

from django.db import transaction

from mia.instrument.loader import _create_version
from mia.instrument.models import ContentVersion
from mia.instrument.serialise import version_document


def _next_version_name(version: ContentVersion) -> str:
    base, n = version.version, 2
    while ContentVersion.objects.filter(version=f"{base}.{n}").exists():
        n += 1
    return f"{base}.{n}"


@transaction.atomic
def copy_content_version(version: ContentVersion) -> ContentVersion:
    document = version_document(version)
    document["version"] = _next_version_name(version)
    return _create_version(document)
