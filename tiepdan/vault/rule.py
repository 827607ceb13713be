"""The sealing rule: who may see a denunciation's people (architecture rule 4; Luật TC Arts
8.3, 24, 47, 49, 56). The one place it is written; every read of people goes through it.

- before acceptance: the receiving unit's officers with a *direct* processing, resolving or
  leading role, who verify the denouncer and the acceptance conditions (Art 24);
- after acceptance: only the matter's resolver (while none is named, the unit's direct
  leaders, Art 49.1) and officers expressly granted by an active `IdentityGrant`;
- nobody else: not superior units, viewers, partners, unit administrators, superusers.

Failing closed: no user, an anonymous one, or anything that is not an authenticated user sees
every denunciation's people as sealed.

The rule is built as `Q` objects over field paths the caller gives (`prefix`): any row with
`petition_type`, `unit_id` and a `case` (the matter) — a petition, a visit, or a link reached
through one — so the vault imports none of the apps that hold those rows.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q

from tiepdan.core.classification import PetitionType
from tiepdan.organizations import permissions
from tiepdan.organizations.constants import Role
from tiepdan.vault.holders import rule_links
from tiepdan.vault.models import IdentityGrant

# Direct roles that verify a denouncer and the acceptance conditions before acceptance
# (Luật TC Art 24); reception officers without a processing role hand the file over and do not
# keep access (Art 56.1: need to know).
IDENTITY_ROLES = (Role.PROCESSOR, Role.RESOLVER, Role.LEADER)


def _known(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) is True


def identity_unit_ids(user: Any) -> set[int]:
    """Units where the user may see a denouncer's identity before acceptance: a direct role,
    not an inherited one."""
    if not _known(user):
        return set()
    cache = getattr(user, "_identity_units", None)
    if cache is None:
        # From the memberships the permission checks read (one query per user object).
        cache = {m.unit_id for m in permissions.held(user) if m.role in IDENTITY_ROLES}
        user._identity_units = cache
    return cache


def _leader_unit_ids(user: Any) -> set[int]:
    cache = getattr(user, "_identity_leader_units", None)
    if cache is None:
        cache = {m.unit_id for m in permissions.held(user) if m.role == Role.LEADER}
        user._identity_leader_units = cache
    return cache


def _granted_case_ids(user: Any) -> set[int]:
    cache = getattr(user, "_identity_cases", None)
    if cache is None:
        cache = set(
            IdentityGrant.objects.filter(user_id=user.pk, revoked=False).values_list(
                "case_id", flat=True
            )
        )
        user._identity_cases = cache
    return cache


def visible_q(user: Any, prefix: str = "") -> Q:
    """Denunciation rows whose people the user may see (see the rule above)."""
    if not _known(user):
        return Q(pk__in=[])
    visible = Q(**{f"{prefix}case__resolver_id": user.pk})
    # A term over no unit or no matter matches nothing (`IN ()`): it is left out, the same rule
    # in a shorter query to build and plan (most officers hold none of these).
    if identity := identity_unit_ids(user):
        before_acceptance = Q(**{f"{prefix}case__isnull": True}) | Q(
            **{f"{prefix}case__accepted_on__isnull": True}
        )
        visible |= before_acceptance & Q(**{f"{prefix}unit_id__in": identity})
    if leaders := _leader_unit_ids(user):
        visible |= Q(**{f"{prefix}case__resolver__isnull": True}) & Q(
            **{f"{prefix}unit_id__in": leaders}
        )
    if granted := _granted_case_ids(user):
        visible |= Q(**{f"{prefix}case_id__in": granted})
    return visible


def can_see_senders(user: Any, row: Any) -> bool:
    """Whether the user may see the people of one row (a petition, a visit): the rule above
    on the row's type, unit and matter."""
    if row.petition_type != PetitionType.DENUNCIATION:
        return True
    if not _known(user):
        return False
    case = row.case if row.case_id else None
    if case is None or case.accepted_on is None:
        if row.unit_id in identity_unit_ids(user):
            return True
    elif case.resolver_id is not None:
        if case.resolver_id == user.pk:
            return True
    elif row.unit_id in _leader_unit_ids(user):
        return True
    return row.case_id is not None and row.case_id in _granted_case_ids(user)


def sealed_q(user: Any, prefix: str = "") -> Q:
    """Rows (petitions, or rows reached through `prefix`) whose sender the user may not see."""
    return Q(**{f"{prefix}petition_type": PetitionType.DENUNCIATION}) & ~visible_q(user, prefix)


def sealed_visit_q(user: Any, prefix: str = "") -> Q:
    """Reception visits (or rows reached through `prefix`) about a denunciation whose
    denouncer the user may not see: the same rule as `sealed_q`, on the visit's unit and
    matter."""
    return sealed_q(user, prefix)


def sealed_person_q(user: Any) -> Q:
    """Persons (a filter on citizens) linked in plain to a denunciation the user may not see,
    through any registered holder (a petition's sender, a visit's attendee). Sealing removes
    the plain link once the denunciation meets its matter, so what is left is the few
    denunciations not yet linked: each candidate person costs an indexed look-up (the link
    table's index on the person, then the row by key), never a scan of the denunciations."""
    found = Q(pk__in=[])
    for link in rule_links():
        rows = link.model._default_manager.filter(**{link.person: OuterRef("pk")}).filter(
            sealed_q(user, f"{link.row}")
        )
        found |= Q(Exists(rows))
    return found


def sealed_citizen_ids(user: Any) -> set[int]:
    """Persons who denounced something the user may not see: lists, searches, exports and
    history pages must leave them out (Luật TC Art 8.3: revealing that someone denounced is
    itself the leak)."""
    cache = getattr(user, "_sealed_citizens", None) if _known(user) else None
    if cache is None:
        found: set[int] = set()
        for link in rule_links():
            found.update(
                pk
                for pk in link.model._default_manager.filter(
                    sealed_q(user, f"{link.row}")
                ).values_list(link.person, flat=True)
                if pk is not None
            )
        cache = found
        if _known(user):
            user._sealed_citizens = cache
    return cache
