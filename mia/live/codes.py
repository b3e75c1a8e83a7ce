"""Session codes people type on a phone: short, case-insensitive, no look-alike characters."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V: what remains cannot be misread on a projector.
ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a participant typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (typed or "")[:40].upper() if ch.isascii() and ch.isalnum())


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def display(code: str) -> str:
    """'ACD EFG': easier to read aloud and to type."""
    return f"{code[:3]} {code[3:]}" if code else ""
