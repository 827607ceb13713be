"""Re-encrypt everything sealed with the current field key (`TIEPDAN_FIELD_KEY`).

Rotation: set the new key in `TIEPDAN_FIELD_KEY`, move the old one to
`TIEPDAN_FIELD_KEY_FALLBACKS`, restart, run this command, then drop the fallback. Values are
read with any configured key (and the keys derived from `SECRET_KEY` and its fallbacks) and
written with the current one, a batch per transaction; a value already under the current key is
left alone, so the command can be stopped and run again (it resumes where it stopped) and a
second run changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Model

from tiepdan.vault import vault
from tiepdan.vault.models import IdentityRecord, SealedFile, SealedText

SEALED: tuple[tuple[type[Model], tuple[str, ...]], ...] = (
    (IdentityRecord, ("full_name_enc", "address_enc", "id_number_enc", "phone_enc")),
    (SealedFile, ("title_enc", "content_enc")),
    (SealedText, ("text_enc",)),
)


class Command(BaseCommand):
    help = "Mã hóa lại mọi dữ liệu niêm phong bằng khóa hiện tại (TIEPDAN_FIELD_KEY)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size: int = 200, **options) -> None:
        total = 0
        for model, fields in (*SEALED, *vault.EXTRA_SEALED):
            done = 0
            last = 0
            while True:
                with transaction.atomic():
                    rows = list(
                        model._default_manager.select_for_update()
                        .filter(pk__gt=last)
                        .order_by("pk")
                        .only("pk", *fields)[:batch_size]
                    )
                    for row in rows:
                        stale = [
                            f
                            for f in fields
                            if getattr(row, f) and not vault.is_current(getattr(row, f))
                        ]
                        for name in stale:
                            setattr(row, name, vault.rotate(getattr(row, name)))
                        if stale:
                            row.save(update_fields=stale)
                            done += 1
                if not rows:
                    break
                last = rows[-1].pk
            self.stdout.write(f"{model._meta.label}: {done} dòng đã mã hóa lại.")
            total += done
        self.stdout.write(f"Xong: {total} dòng mã hóa lại bằng khóa hiện tại.")
