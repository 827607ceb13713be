"""List every matter linked to a denunciation whose denouncer is not in the vault, and every
registry row hidden at sealing that was left behind.

Sealing follows every link (the holders registered with `tiepdan.vault`); this is the check
that it did, for a database loaded by other means (bulk imports, restores, direct SQL). A
registry row that existed only for a denunciation is hidden when the denunciation is sealed
and deleted once the sealing commits: a crash between the two leaves it hidden, still holding
the denouncer in plain. The command exits with an error when anything is listed; `--fix`
seals the matters (audited as the vault's sealing, with no actor) and deletes the rows left
behind (or shows again one that is linked to something else).
"""

from django.core.management.base import BaseCommand, CommandError

from tiepdan.cases.models import Case
from tiepdan.vault import vault


class Command(BaseCommand):
    help = (
        "Liệt kê vụ việc tố cáo còn người tố cáo chưa được niêm phong và hồ sơ công dân bị ẩn "
        "khi niêm phong nhưng chưa được xóa (--fix để niêm phong, xóa)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fix", action="store_true", help="Niêm phong các vụ việc, xóa hồ sơ còn sót."
        )

    def handle(self, *args, fix: bool = False, **options) -> None:
        ids = vault.unsealed_matters()
        if ids and fix:
            for case in Case.objects.filter(pk__in=ids):
                vault.vault_seal(case=case)
            ids = vault.unsealed_matters()
        hidden = vault.hidden_leftovers()
        if hidden and fix:
            vault.drop_orphans(set(hidden))
            hidden = vault.hidden_leftovers()
        problems = []
        if ids:
            problems.append(
                "Vụ việc còn người tố cáo chưa niêm phong: " + ", ".join(f"#{i}" for i in ids)
            )
        if hidden:
            problems.append(
                "Hồ sơ công dân bị ẩn khi niêm phong chưa được xóa: "
                + ", ".join(f"#{i}" for i in hidden)
            )
        if problems:
            raise CommandError("; ".join(problems))
        self.stdout.write("Mọi vụ việc tố cáo đã được niêm phong.")
