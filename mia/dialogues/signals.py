"""Signals of the dialogues app for the apps above it (they must not be imported here)."""

from django.dispatch import Signal

# Sent by ``mia.dialogues.privacy.erase_participant`` with ``participant``: apps that copied the
# person's data elsewhere (the panel's volunteer contacts) erase their copy too.
participant_erased = Signal()
