"""Reads of the person registry, scoped to the user's units."""

from django.db.models import BigIntegerField, Case, Count, Q, QuerySet, When

from tiepdan.citizens.models import Citizen
from tiepdan.citizens.visibility import hidden_q
from tiepdan.core.prepared import PreparedRead, Slot
from tiepdan.core.text import digits, search_key
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.models import Unit, User


def citizen_queryset(user: User) -> QuerySet[Citizen]:
    """Active (not merged) persons registered in the user's units and subtrees, less the
    denouncers the user may not know of (revealing that someone denounced is itself a leak,
    Luật TC Art 8.3)."""
    qs = Citizen.objects.filter(merged_into__isnull=True, sealed=False).select_related("unit")
    return org_selectors.scope_filter(user, qs).exclude(hidden_q(user))


def citizen_search(
    user: User, query: str, limit: int = 20, *, with_unit: bool = True
) -> list[Citizen]:
    """Search by name (with or without diacritics), ID number or phone.

    A query of digits matches ID numbers and phones by prefix; otherwise the words must occur
    in the name's search key in the order typed ("nguyen an" finds "Nguyễn Văn An"), one
    `LIKE '%nguyen%an%'` that the trigram index serves on PostgreSQL.

    The persons hidden from the user (`hidden_q`) are looked up for the first candidates in
    the result's order only, not for every match: a common name matches hundreds of persons
    in a province, and each check reads the person's petitions and visits. Candidates are read
    in batches until `limit` persons pass, so the result is the same as filtering every match;
    usually two queries (the candidates' keys, then the visible ones among them).
    `with_unit=False` leaves out each person's unit, for a page that does not show it.
    """
    matches = _search_matches(user, query)
    if matches is None:
        return []
    ordered = matches.order_by("name_key", "pk").values_list("pk", flat=True)
    # The candidates are in the user's scope already: the second read applies the rule on
    # the persons (active, unsealed, not hidden) without the scope's join again.
    readable = Citizen.objects.filter(merged_into__isnull=True, sealed=False).exclude(
        hidden_q(user)
    )
    if with_unit:
        readable = readable.select_related("unit")
    found: list[Citizen] = []
    batch, offset = limit + limit // 2, 0
    while len(found) < limit:
        candidates = list(ordered[offset : offset + batch])
        if not candidates:
            break
        shown = {c.pk: c for c in readable.filter(pk__in=candidates)}
        found += [shown[pk] for pk in candidates if pk in shown][: limit - len(found)]
        if len(candidates) < batch:
            break
        offset += batch
    return found


def _search_matches(user: User, query: str) -> QuerySet[Citizen] | None:
    """The persons in the user's scope the query matches, before the visibility rule."""
    qs = org_selectors.scope_filter(
        user, Citizen.objects.filter(merged_into__isnull=True, sealed=False)
    )
    number = digits(query)
    text = search_key(query)
    if not text:
        return None
    if number and len(number) >= 3 and len(number) >= len(text.replace(" ", "")) - 1:
        phone = "0" + number[2:] if number.startswith("84") and len(number) > 9 else number
        return qs.filter(Q(id_number__startswith=number) | Q(phone__startswith=phone))
    pattern = "%".join(text.replace("%", " ").replace("_", " ").split())
    return qs.filter(name_key__like=f"%{pattern}%")


def _match_order(paths: tuple[str, ...] | None, unit: Slot) -> QuerySet[Citizen]:
    """Active records in the subtrees of `paths`, the unit's own first, then the oldest."""
    qs = Citizen.objects.filter(merged_into__isnull=True)
    scope = org_selectors.paths_q(paths)
    if scope is not None:
        qs = qs.filter(scope)
    return qs.annotate(elsewhere=Case(When(unit_id=unit, then=0), default=1)).order_by(
        "elsewhere", "pk"
    )


def _match_id_number(
    paths: tuple[str, ...] | None, unit: Slot, id_number: Slot
) -> QuerySet[Citizen]:
    return _match_order(paths, unit).filter(id_number=id_number)[:1]


def _match_name_phone(key: tuple, unit: Slot, phone: Slot, name_key: Slot) -> QuerySet[Citizen]:
    paths, without_id_number = key
    same = _match_order(paths, unit).filter(phone=phone, name_key=name_key)
    return (same.filter(id_number="") if without_id_number else same)[:1]


# The desk's API looks up every person it is given: compiled once per scope (prepared reads).
_UNIT: BigIntegerField[int, int] = BigIntegerField()
_BY_ID_NUMBER = PreparedRead(
    Citizen, _match_id_number, [_UNIT, Citizen._meta.get_field("id_number")]
)
_BY_NAME_PHONE = PreparedRead(
    Citizen,
    _match_name_phone,
    [_UNIT, Citizen._meta.get_field("phone"), Citizen._meta.get_field("name_key")],
)


def citizen_match(
    user: User | None, unit: Unit, *, id_number: str, phone: str, name_key: str
) -> Citizen | None:
    """The registered person new data names, as the desk finds them: the same ID number, or
    (when none was typed, or the match has none on record) the same name and phone. `id_number`,
    `phone` and `name_key` are normalised (services.citizen_clean).

    Looks in the user's units (the unit's subtree without a user), merged records aside; the
    unit's own record first, then the oldest. Denouncers are not left out here: the officer
    already holds the person's data, and reusing the record shows nothing of what they filed.
    """
    paths = (unit.path,) if user is None else org_selectors.scope_paths(user)
    if id_number:
        found = _BY_ID_NUMBER.first(paths, unit.pk, id_number)
        if found is not None:
            return found
    if phone and name_key:
        return _BY_NAME_PHONE.first((paths, bool(id_number)), unit.pk, phone, name_key)
    return None


def citizen_get(user: User, pk: int) -> Citizen:
    from django.http import Http404

    citizen = (
        org_selectors.scope_filter(user, Citizen.objects.select_related("unit", "merged_into"))
        .filter(pk=pk, sealed=False)
        .exclude(hidden_q(user))
        .first()
    )
    if citizen is None:
        raise Http404
    return citizen


def citizen_duplicates(user: User, citizen: Citizen) -> QuerySet[Citizen]:
    """Likely duplicates of `citizen`: same ID number, or same normalised name and birth date."""
    match = Q(pk__in=[])
    if citizen.id_number:
        match |= Q(id_number=citizen.id_number)
    if citizen.date_of_birth:
        match |= Q(name_key=citizen.name_key, date_of_birth=citizen.date_of_birth)
    return citizen_queryset(user).filter(match).exclude(pk=citizen.pk)


def citizen_duplicate_candidates(user: User, limit: int = 100) -> list[dict]:
    """Groups of records sharing an ID number or a name + birth date, counted in SQL."""
    base = citizen_queryset(user)
    by_id = (
        base.exclude(id_number="")
        .values("id_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("-n")[:limit]
    )
    by_name = (
        base.exclude(date_of_birth=None)
        .values("name_key", "date_of_birth")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("-n")[:limit]
    )
    return [{"by": "id_number", **row} for row in by_id] + [
        {"by": "name_dob", **row} for row in by_name
    ]


def citizen_count(unit: Unit) -> int:
    """Active (not merged) persons registered in the unit's subtree, for the home dashboard."""
    return Citizen.objects.filter(
        unit__path__startswith=unit.path, merged_into__isnull=True
    ).count()
