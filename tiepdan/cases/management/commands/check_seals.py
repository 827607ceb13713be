"""List every matter linked to a denunciation whose denouncer is not in the vault.

Sealing follows every link (cases.sealing); this is the check that it did, for a database
loaded by other means (bulk imports, restores, direct SQL). It exits with an error when any
matter is listed; `--fix` seals them (audited as the vault's sealing, with no actor).
"""

from django.core.management.base import BaseCommand, CommandError

from tiepdan.cases.models import Case
from tiepdan.vault import vault


class Command(BaseCommand):
    help = "Liệt kê vụ việc tố cáo còn người tố cáo chưa được niêm phong (--fix để niêm phong)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fix", action="store_true", help="Niêm phong các vụ việc tìm thấy.")

    def handle(self, *args, fix: bool = False, **options) -> None:
        ids = vault.unsealed_matters()
        if ids and fix:
            for case in Case.objects.filter(pk__in=ids):
                vault.vault_seal(case=case)
            ids = vault.unsealed_matters()
        if ids:
            raise CommandError(
                "Vụ việc còn người tố cáo chưa niêm phong: " + ", ".join(f"#{i}" for i in ids)
            )
        self.stdout.write("Mọi vụ việc tố cáo đã được niêm phong.")
