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
  denouncers); the scans and files the citizen handed in with it (a complaint, a proposal, their
  evidence) are deleted from storage, their rows kept with a neutral title; through the eraser
  the public channel registers, what the citizen sent online: the request, the contact details
  (`email_enc`, `phone_enc`), the look-up digests and the rating's comment (the tracking code,
  the dates and the score stay); and through the national link's (`natsync.erasure`), the
  payloads of its sync records, queued or sent: the summary, the people's names, ID numbers
  and addresses, the scans' titles (the status, stage, national id, codes, figures and dates
  stay);
- a matter's own summary (once it is closed and its period has passed since it ended), its
  sealed summary, the sealed files it adopted without a person, and the identity records tied
  to it alone (a person added to a denunciation matter, linked to neither a petition nor a
  visit);
- the documents the agency issued (a matter's documents, a petition's outcome notice), at the
  end of their own period (`RecordKind.DOCUMENT`, longer by default): an issued decision or
  notice is the agency's own record of its act, kept by the archive, not a copy of what the
  citizen sent (see `erasure`). Then its file is deleted from storage, its title made neutral
  and the data it was rendered from emptied; the row, its form, date and status stay.

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
- Not reached by the command: what was already sent to the national database (it is there,
  under its rules); a matter's other free text (the decision's text, the verification's
  findings, a dialogue's minutes and attendance, the timeline's notes), which is the content of
  the agency's own decisions and acts and goes with its documents' record, not with the
  citizen's request; a petition's decision reason and transfer reply; the error texts of
  failed sends; files outside this system's storage (the archive's, an e-mail's).

Subject access: `selectors.subject_access` is what the registry holds about one person in the
officer's scope, sealed items left out (denunciations and denunciation matters, whoever asks);
the page, the JSON export and the same answer as a PDF in Vietnamese to hand to the citizen
(`documents`) are each audited.
"""
