"""The denouncer identity vault (architecture rule 4; Luật TC Arts 8.3, 9.1.b, 47, 56).

How the vault relates to the person registry (sealed at rest)
--------------------------------------------------------------
The vault sits below every app that holds people (docs/architecture.md): the petitions, the
desk and the matter register a `Holder` (`register_holder`, in their AppConfig.ready) saying
where they link a person and what of a denunciation they keep, and connect `vault_seal` to
their links; the vault walks the holders and imports none of them.

Until a denunciation meets its matter, the petition links its senders (`Petition.senders`) and
the visit its attendees like any other: intake, duplicate detection and the acceptance check of
Luật TC Art 24 need them, and every reader goes through the sealing rule (`rule`:
`can_see_senders` / `sealed_q` / `sealed_person_q`; the person registry asks it through
`citizens.visibility`). Whenever a denunciation and its matter are linked (`vault_seal`,
idempotent, run on every link in the same transaction, whatever the order of the calls),
nothing in plain links them any more:

- each denouncer's name, address, ID number and phone become Fernet tokens
  (`IdentityRecord`, one per petition or visit and person), encrypted with
  `settings.TIEPDAN_FIELD_KEY` (HKDF-SHA256; earlier keys in `TIEPDAN_FIELD_KEY_FALLBACKS`
  and the keys derived from `SECRET_KEY` and `SECRET_KEY_FALLBACKS` still decrypt,
  `manage.py rotate_field_key` re-encrypts);
- the petition's sender links and the visit's attendee rows are deleted, the person leaves the
  matter's citizens, and a registry row that existed only for the denunciation is hidden at
  once and deleted when the sealing commits (a person known for anything else keeps theirs);
- the petition's scans are encrypted (`SealedFile`) and their plain files deleted;
- the texts that quote the denouncer (the petition's and the matter's summaries, the visit's
  content) are kept as written in `SealedText` and stored redacted (Luật TC Art 56.2: the
  verification team works on a file with the denouncer removed).

A denunciation sent online with a name is sealed before anything is written in plain
(`vault_seal_intake`, called by the public channel): it never links a registry row, its texts
are stored redacted from the first write, and its records wait with no matter until
`vault_seal` adopts them. An anonymous one's attachments go to the vault at intake too
(`SealedFile` with no identity; its matter adopts it). A copy of a sealed denunciation (a part
split from it, the copy a unit receives by transfer) gets the vault's records and texts, never
registry links (`vault_seal_copy`).

Pages, documents and the national link read the senders, attendees and texts back with
`petition_people`, `visit_attendees`, `original_text` — only for someone the rule allows.

Who sees the identity (the sealing rule, implemented in `rule`, failing closed: no user or
an anonymous one sees every denunciation sealed):
- before acceptance: the receiving unit's officers with a *direct* processing, resolving or
  leading role, who must check the denouncer and the acceptance conditions (Luật TC Art 24);
- after acceptance: only the case's resolver (when none is named, the unit's direct leaders,
  the head being the competent resolver, Art 49.1) and officers expressly granted by an active
  `IdentityGrant`;
- nobody else: not superior units, viewers, partners, unit administrators, superusers, nor
  reception officers without a processing role; a denouncer's waiver (Art 47.2) is recorded but
  does not widen access by itself.

Reading the vault is an explicit act with a reason (`identity_reveal`), audited as
`identity.revealed` with who, when and why — never with the values; showing a denouncer to an
allowed officer on a page, in the API or as a scan is audited as `identity.viewed`.

The modules: `models` (the rows, in the tables `cases` created), `crypto` (keys, encryption,
rotation), `holders` (the apps that hold people), `rule` (who may see), `seal` (sealing),
`redaction` (masking a person in a text), `people` (reading the vault back), `access`
(reveals, grants, waivers), `sealed_files` (large files sealed in storage). Callers import
`tiepdan.vault.vault`.
"""

from tiepdan.vault.access import (
    WORKING_COPY_CODE,
    Identity,
    attendees_viewed,
    has_grant,
    identity_grant,
    identity_reveal,
    identity_revoke,
    identity_viewed,
    identity_waive,
    is_resolver,
    may_reveal,
    sealed_file_reveal,
)
from tiepdan.vault.crypto import (
    EXTRA_SEALED,
    IDENTITY_FILE_REVEALED,
    IDENTITY_GRANTED,
    IDENTITY_REVEALED,
    IDENTITY_REVOKED,
    IDENTITY_SEALED,
    IDENTITY_VIEWED,
    IDENTITY_WAIVED,
    IDENTITY_WORKING_COPY,
    decrypt,
    derived_key,
    encrypt,
    field_keys,
    is_current,
    register_sealed,
    rotate,
)
from tiepdan.vault.holders import Denouncer, Holder, PeopleLink, register_holder
from tiepdan.vault.people import (
    SealedAttendee,
    SealedPerson,
    matter_people,
    original_text,
    original_texts,
    people_by_petition,
    petition_people,
    sealed_attendees,
    sealed_scan,
    sealed_senders,
    visit_attendees,
)
from tiepdan.vault.rule import (
    IDENTITY_ROLES,
    can_see_senders,
    identity_unit_ids,
    sealed_citizen_ids,
    sealed_person_q,
    sealed_q,
    sealed_visit_q,
    visible_q,
)
from tiepdan.vault.seal import (
    SEALED_TITLE,
    drop_orphans,
    hidden_leftovers,
    intake_redact,
    is_denunciation_matter,
    unsealed_matters,
    vault_seal,
    vault_seal_copy,
    vault_seal_intake,
)

__all__ = [
    "EXTRA_SEALED",
    "IDENTITY_FILE_REVEALED",
    "IDENTITY_GRANTED",
    "IDENTITY_REVEALED",
    "IDENTITY_REVOKED",
    "IDENTITY_ROLES",
    "IDENTITY_SEALED",
    "IDENTITY_VIEWED",
    "IDENTITY_WAIVED",
    "IDENTITY_WORKING_COPY",
    "SEALED_TITLE",
    "WORKING_COPY_CODE",
    "Denouncer",
    "Holder",
    "Identity",
    "PeopleLink",
    "SealedAttendee",
    "SealedPerson",
    "attendees_viewed",
    "can_see_senders",
    "decrypt",
    "derived_key",
    "drop_orphans",
    "encrypt",
    "field_keys",
    "has_grant",
    "hidden_leftovers",
    "identity_grant",
    "identity_reveal",
    "identity_revoke",
    "identity_unit_ids",
    "identity_viewed",
    "identity_waive",
    "intake_redact",
    "is_current",
    "is_denunciation_matter",
    "is_resolver",
    "matter_people",
    "may_reveal",
    "original_text",
    "original_texts",
    "people_by_petition",
    "petition_people",
    "register_holder",
    "register_sealed",
    "rotate",
    "sealed_attendees",
    "sealed_citizen_ids",
    "sealed_file_reveal",
    "sealed_person_q",
    "sealed_q",
    "sealed_scan",
    "sealed_senders",
    "sealed_visit_q",
    "unsealed_matters",
    "vault_seal",
    "vault_seal_copy",
    "vault_seal_intake",
    "visible_q",
    "visit_attendees",
]
