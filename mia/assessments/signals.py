"""What other apps may react to, without this app knowing them (they sit above it).

The dialogues app keeps one round per chosen question in every session, and gives a new
MIA its first session; it listens here rather than being called from below."""

from django.dispatch import Signal

# Sent inside the creating transaction, with ``assessment``.
assessment_created = Signal()
# Sent whenever the chosen dialogue questions or their order change, with ``assessment``.
questions_changed = Signal()
