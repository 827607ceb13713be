"""Personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, in force 01/01/2026).

Retention: each kind of record keeps its personal data for a period that is data
(`models.RetentionRule`, with its legal basis and dates in force). `manage.py
anonymise_expired` removes what has passed its period and keeps the rows, so that every count,
date, type, unit, outcome and link the reports read is unchanged:

- a citizen's name, ID number, date of birth, address and phone (the row stays, its links too);
- a visit's content, and the vault's copies of it: the visit's sealed content is deleted and
  its identity records (a denouncer who came to the desk) are overwritten with the anonymised
  name and empty identifiers (`erasure`);
- a petition's summary, and the vault's copies: its sealed texts and sealed scans are deleted,
  its identity records overwritten as above (they stay, so a matter still counts its
  denouncers); and, through the eraser the public channel registers, what the citizen sent
  online: the request, the contact details (`email_enc`, `phone_enc`), the look-up digests
  and the rating's comment (the tracking code, the dates and the score stay).

What is kept, and why:

- The audit trail (`tiepdan.audit`) is append-only and hash-chained: it is never rewritten.
  It is the record of the state's own actions (who received, decided, revealed, exported what
  and when), kept for its own period as evidence of those actions. It holds ids, not values:
  a person appears as the id of their row (`target_id`, `data["citizen"]`, `data["records"]`),
  and the keys that could carry an identifier (`full_name`, `id_number`, `phone`, `address`,
  `email`, `date_of_birth`, `name`) are masked when written, keeping only the first and last
  character and the length (the registration of a citizen, `citizen.created`, records its
  name and ID number that way). A test checks that no value in full is in the trail after a
  registration, an online petition, a sealing, a reveal, a subject-access export and an
  anonymisation. Once the row the id points to is anonymised, the trail names nobody. Free
  text an officer types as a reason (a reveal, a suspension) is written as typed: the forms
  ask for a reason, not for a person.
- Not reached by the command: the national link's outbox (`natsync`: the payloads queued for
  or sent to the national database hold the petition's summary and, for those allowed, its
  people, as sent); the files of a petition that is not a denunciation and the documents
  issued (the archive keeps official documents under the archiving rules); a matter's own
  summary and the vault's records of a denunciation matter's persons that are linked to
  neither a petition nor a visit.

Subject access: `selectors.subject_access` is what the registry holds about one person in the
officer's scope, sealed items left out (denunciations and denunciation matters, whoever asks);
the page, the JSON export and the same answer as a PDF in Vietnamese to hand to the citizen
(`documents`) are each audited.
"""
