"""Removing a sealed person's identifiers from free text (Luật TC Art 8.3: nothing that reveals
the denouncer — a name typed into a summary would)."""

import re

from tiepdan.citizens.models import Citizen

MASK = "[đã giữ bí mật]"


def redact(text: str, people: list[Citizen]) -> str:
    """`text` with each person's full name, ID number and phone replaced by a mask."""
    out = text or ""
    for person in people:
        for value in (person.full_name, person.id_number, person.phone):
            if value and len(value) >= 3:
                out = re.sub(re.escape(value), MASK, out, flags=re.IGNORECASE)
    return out
