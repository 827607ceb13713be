"""The legal rule catalogue in memory: versioned time limits, loaded once from `LegalRule` rows.

The rows are written only by reviewed data migrations (changing a legal rule is a code review,
not a form), so a per-process cache never goes stale while the process lives;
`rule_catalogue_clear()` exists for tests and migrations run in-process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError
from tiepdan.workcalendar.engine import BACKWARD, COMPLEXITIES

COMPLEXITY_LABELS = {
    "normal": "bình thường",
    "complex": "phức tạp",
    "very_complex": "đặc biệt phức tạp",
}


@dataclass(frozen=True, slots=True)
class Variant:
    """Length (and allowed extensions) for one combination of complexity and remote area."""

    days: int
    max_extensions: int = 0


@dataclass(frozen=True, slots=True)
class Rule:
    """One version of a statutory time limit."""

    code: str
    version: int
    name: str
    day_type: str
    direction: str
    days: int
    variants: Mapping[tuple[str, bool], Variant]
    extension_days: int
    pausable: bool
    legal_basis: str
    notes: str
    confidence: str
    valid_from: date
    valid_to: date | None = None
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def is_backward(self) -> bool:
        return self.direction == BACKWARD

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def variant(self, complexity: str, remote_area: bool) -> Variant:
        """The variant for these options; options the rule does not know are refused."""
        found = self.variants.get((complexity, remote_area))
        if found is not None:
            return found
        if complexity not in COMPLEXITIES:
            message = _("Mức độ phức tạp “%(cx)s” không hợp lệ.") % {"cx": complexity}
            raise DomainError(message, code="invalid", fields={"complexity": [message]})
        if remote_area and (complexity, False) in self.variants:
            message = _("Quy tắc %(code)s không có thời hạn riêng cho vùng sâu, vùng xa.") % {
                "code": self.code
            }
            raise DomainError(message, code="option_not_allowed", fields={"remote_area": [message]})
        message = _("Quy tắc %(code)s không áp dụng mức độ “%(cx)s”.") % {
            "code": self.code,
            "cx": COMPLEXITY_LABELS.get(complexity, complexity),
        }
        raise DomainError(message, code="option_not_allowed", fields={"complexity": [message]})

    def variant_rows(self) -> list[tuple[str, bool, Variant]]:
        """Variants in a stable display order."""
        order = {c: i for i, c in enumerate(COMPLEXITIES)}
        keys = sorted(self.variants, key=lambda k: (k[1], order.get(k[0], 9)))
        return [(cx, remote, self.variants[(cx, remote)]) for cx, remote in keys]


class Catalogue:
    """All rule versions, indexed by code; `get(code, on)` picks the version in force on a date."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        by_code: dict[str, list[Rule]] = {}
        for rule in rules:
            by_code.setdefault(rule.code, []).append(rule)
        for versions in by_code.values():
            versions.sort(key=lambda r: r.valid_from)
        self._by_code = by_code
        self._by_version = {(r.code, r.version): r for vs in by_code.values() for r in vs}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def versions(self, code: str) -> list[Rule]:
        return list(self._by_code.get(code, ()))

    def all(self) -> list[Rule]:
        return [r for code in self.codes() for r in self._by_code[code]]

    def get(self, code: str, on: date) -> Rule:
        """The version of `code` in force on `on` (for a deadline: its start date)."""
        versions = self._by_code.get(code)
        if not versions:
            message = _("Không có quy tắc thời hạn “%(code)s”.") % {"code": code}
            raise DomainError(message, code="unknown_rule", fields={"rule": [message]})
        for rule in reversed(versions):
            if rule.valid_from <= on:
                if rule.valid_to is None or on <= rule.valid_to:
                    return rule
                break
        message = _("Quy tắc “%(code)s” không có hiệu lực vào ngày %(on)s.") % {
            "code": code,
            "on": on.strftime("%d/%m/%Y"),
        }
        raise DomainError(message, code="unknown_rule", fields={"rule": [message]})

    def get_version(self, code: str, version: int) -> Rule:
        try:
            return self._by_version[(code, version)]
        except KeyError:
            message = _("Không có quy tắc “%(code)s” phiên bản %(v)s.") % {
                "code": code,
                "v": version,
            }
            raise DomainError(message, code="unknown_rule", fields={"rule": [message]}) from None

    def in_force(self, on: date) -> list[Rule]:
        out = []
        for code in self.codes():
            try:
                out.append(self.get(code, on))
            except DomainError:
                continue
        return out


def rule_from_row(row: Mapping[str, Any]) -> Rule:
    """Build a `Rule` from a `LegalRule` row's values (pure: also used by tests)."""
    variants: dict[tuple[str, bool], Variant] = {
        ("normal", False): Variant(int(row["days"]), int(row.get("max_extensions") or 0))
    }
    for item in row.get("variants") or []:
        key = (str(item["complexity"]), bool(item.get("remote_area", False)))
        variants[key] = Variant(int(item["days"]), int(item.get("max_extensions", 0)))
    return Rule(
        code=str(row["code"]),
        version=int(row["version"]),
        name=str(row["name"]),
        day_type=str(row["day_type"]),
        direction=str(row.get("direction") or "forward"),
        days=int(row["days"]),
        variants=variants,
        extension_days=int(row.get("extension_days") or 0),
        pausable=bool(row.get("pausable", True)),
        legal_basis=str(row["legal_basis"]),
        notes=str(row.get("notes") or ""),
        confidence=str(row.get("confidence") or ""),
        valid_from=row["valid_from"],
        valid_to=row.get("valid_to"),
    )


_lock = threading.Lock()
_catalogue: Catalogue | None = None


def rule_catalogue() -> Catalogue:
    """The catalogue of every rule version (one query per process, then cached)."""
    global _catalogue
    if _catalogue is None:
        from tiepdan.workcalendar.models import LegalRule

        with _lock:
            if _catalogue is None:
                rows = LegalRule.objects.values(
                    "code",
                    "version",
                    "name",
                    "day_type",
                    "direction",
                    "days",
                    "max_extensions",
                    "variants",
                    "extension_days",
                    "pausable",
                    "legal_basis",
                    "notes",
                    "confidence",
                    "valid_from",
                    "valid_to",
                )
                catalogue = Catalogue(rule_from_row(row) for row in rows)
                if not catalogue.codes():
                    # Not migrated yet: do not cache an empty catalogue.
                    return catalogue
                _catalogue = catalogue
    return _catalogue


def rule_catalogue_clear() -> None:
    global _catalogue
    _catalogue = None
