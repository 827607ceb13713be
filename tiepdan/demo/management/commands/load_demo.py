"""Load the demo data built from the two seed plans (idempotent).

Phường Bắc Sơn with its partner units (police, military command, Fatherland Front, residential
quarters) under its province, with the abolished town (thị xã) kept for history; Sở Thông tin và
Truyền thông Kiên Giang with its inspectorate and office, under Kiên Giang province, which merged
into An Giang on 1 July 2025. One demo user per role; all share the printed password.

The seeds are history (2025, 2021); `load_demo_live` then adds a living layer around today
(`--today` pins the day, `--fixed` leaves the seeds alone, as the tests of the seeds do).
"""

import datetime as dt

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction

from tiepdan.citizens import services as citizen_services
from tiepdan.organizations import services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User

DEMO_PASSWORD = "TiepDan@2025"
REFORM = dt.date(2025, 7, 1)

# code, name, kind, parent code, valid_to
UNITS = [
    ("38", "Tỉnh Thanh Hóa", UnitKind.PROVINCE, None, None),
    ("38-TTT", "Thanh tra tỉnh Thanh Hóa", UnitKind.INSPECTORATE, "38", None),
    ("38-BTCD", "Ban Tiếp công dân tỉnh Thanh Hóa", UnitKind.RECEPTION_BOARD, "38", None),
    ("38-BS", "Thị xã Bắc Sơn", UnitKind.OTHER, "38", REFORM - dt.timedelta(days=1)),
    (
        "38-BS-BTCD",
        "Ban Tiếp công dân thị xã Bắc Sơn",
        UnitKind.RECEPTION_BOARD,
        "38-BS",
        REFORM - dt.timedelta(days=1),
    ),
    ("26734", "Phường Bắc Sơn", UnitKind.WARD, "38", None),
    ("26734-CA", "Công an phường Bắc Sơn", UnitKind.POLICE, "26734", None),
    ("26734-QS", "Ban Chỉ huy Quân sự phường Bắc Sơn", UnitKind.MILITARY, "26734", None),
    ("26734-MT", "Ủy ban MTTQ Việt Nam phường Bắc Sơn", UnitKind.FRONT, "26734", None),
    ("26734-KP1", "Khu phố 1", UnitKind.QUARTER, "26734", None),
    ("26734-KP2", "Khu phố 2", UnitKind.QUARTER, "26734", None),
    ("26734-KP3", "Khu phố 3", UnitKind.QUARTER, "26734", None),
    ("89", "Tỉnh An Giang", UnitKind.PROVINCE, None, None),
    ("91", "Tỉnh Kiên Giang", UnitKind.PROVINCE, "89", REFORM - dt.timedelta(days=1)),
    ("91-TTT", "Thanh tra tỉnh Kiên Giang", UnitKind.INSPECTORATE, "91", None),
    ("91-BTCD", "Ban Tiếp công dân tỉnh Kiên Giang", UnitKind.RECEPTION_BOARD, "91", None),
    ("91-CA", "Công an tỉnh Kiên Giang", UnitKind.POLICE, "91", None),
    ("91-QS", "Bộ Chỉ huy Quân sự tỉnh Kiên Giang", UnitKind.MILITARY, "91", None),
    ("91-BP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Kiên Giang", UnitKind.MILITARY, "91", None),
    ("91-STTTT", "Sở Thông tin và Truyền thông Kiên Giang", UnitKind.DEPARTMENT, "91", None),
    (
        "91-STTTT-TTRA",
        "Thanh tra Sở Thông tin và Truyền thông",
        UnitKind.INSPECTORATE,
        "91-STTTT",
        None,
    ),
    ("91-STTTT-VP", "Văn phòng Sở Thông tin và Truyền thông", UnitKind.OTHER, "91-STTTT", None),
]

# username, full name, position, [(unit code, role)]
USERS = [
    ("tiep.bacson", "Trần Thị Hoa", "Công chức tiếp công dân", [("26734", Role.RECEPTIONIST)]),
    ("tiep2.bacson", "Lê Văn Đức", "Công chức tư pháp", [("26734", Role.RECEPTIONIST)]),
    ("xuly.bacson", "Phạm Minh Tuấn", "Công chức xử lý đơn", [("26734", Role.PROCESSOR)]),
    ("chutich.bacson", "Nguyễn Văn Trường", "Chủ tịch UBND phường", [("26734", Role.LEADER)]),
    ("phochutich.bacson", "Đỗ Thị Lan", "Phó Chủ tịch UBND phường", [("26734", Role.LEADER)]),
    ("quantri.bacson", "Vũ Quốc Khánh", "Quản trị hệ thống phường", [("26734", Role.UNIT_ADMIN)]),
    ("congan.bacson", "Hoàng Văn Sơn", "Phó Trưởng Công an phường", [("26734-CA", Role.PARTNER)]),
    ("mttq.bacson", "Bùi Thị Mai", "Chủ tịch UB MTTQ phường", [("26734-MT", Role.PARTNER)]),
    ("tiep.stttt", "Ngô Thanh Bình", "Chuyên viên Thanh tra Sở", [("91-STTTT", Role.RECEPTIONIST)]),
    ("thanhtra.stttt", "Huỳnh Văn Phúc", "Chánh Thanh tra Sở", [("91-STTTT", Role.RESOLVER)]),
    ("giamdoc.stttt", "Lâm Văn Sễn", "Giám đốc Sở", [("91-STTTT", Role.LEADER)]),
    ("thanhtra.tinh", "Đặng Thu Hà", "Thanh tra viên tỉnh", [("38", Role.VIEWER)]),
    ("quantri.tinh", "Cao Minh Nhật", "Quản trị hệ thống tỉnh", [("38", Role.UNIT_ADMIN)]),
]

# full name, CCCD, date of birth, gender, address, phone, unit code
CITIZENS = [
    (
        "Nguyễn Văn An",
        "038085012345",
        dt.date(1985, 3, 12),
        "male",
        "Khu phố 3, phường Bắc Sơn",
        "0912345678",
        "26734",
    ),
    (
        "Lê Thị Bích",
        "038190004567",
        dt.date(1990, 7, 1),
        "female",
        "Khu phố 1, phường Bắc Sơn",
        "0987654321",
        "26734",
    ),
    (
        "Trần Đức Thắng",
        "038072009876",
        dt.date(1972, 11, 20),
        "male",
        "Khu phố 2, phường Bắc Sơn",
        "0345678901",
        "26734",
    ),
    (
        "Phạm Thị Đào",
        "038165001122",
        dt.date(1965, 1, 5),
        "female",
        "Khu phố 2, phường Bắc Sơn",
        "",
        "26734",
    ),
    (
        "Đặng Văn Đức",
        "038058003344",
        dt.date(1958, 9, 9),
        "male",
        "Khu phố 3, phường Bắc Sơn",
        "0778123456",
        "26734",
    ),
    (
        "Hồ Ngọc Ánh",
        "038301000777",
        dt.date(2001, 4, 30),
        "female",
        "Khu phố 1, phường Bắc Sơn",
        "0823456789",
        "26734",
    ),
    (
        "Võ Thành Long",
        "091080005555",
        dt.date(1980, 6, 15),
        "male",
        "Phường Vĩnh Thanh Vân, Rạch Giá, Kiên Giang",
        "0918111222",
        "91-STTTT",
    ),
    (
        "Nguyễn Thị Ngọc Trâm",
        "091187006666",
        dt.date(1987, 12, 2),
        "female",
        "Phường An Hòa, Rạch Giá, Kiên Giang",
        "0939222333",
        "91-STTTT",
    ),
    (
        "Lý Văn Hùng",
        "273456789",
        dt.date(1969, 2, 14),
        "male",
        "Xã Mong Thọ, Châu Thành",
        "",
        "91-STTTT",
    ),
]


class Command(BaseCommand):
    help = "Load the demo agencies, users and citizens of the two seed plans (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="ngày làm mốc của dữ liệu sống động, YYYY-MM-DD (mặc định hôm nay)",
        )
        parser.add_argument(
            "--fixed",
            action="store_true",
            help="chỉ dữ liệu mẫu theo ngày cố định (2025, 2021), không thêm dữ liệu quanh hôm nay",
        )

    def handle(self, *args, today: dt.date | None = None, fixed: bool = False, **options) -> None:
        if Unit.objects.filter(code="26734").exists():
            self.stdout.write("Demo data already loaded.")
        else:
            self._load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        # Each module adds its own demo records on top of the agencies and people.
        available = get_commands()
        for command in ("load_demo_reception", "load_demo_cases", "load_demo_plans"):
            if command in available:
                call_command(command, stdout=self.stdout)
        if not fixed:
            call_command("load_demo_live", today=today, stdout=self.stdout)
        self.stdout.write(
            f"Demo users (password {DEMO_PASSWORD}): admin (superuser), "
            + ", ".join(username for username, *_ in USERS)
        )

    @transaction.atomic
    def _load(self) -> None:
        units: dict[str, Unit] = {}
        for code, name, kind, parent, valid_to in UNITS:
            units[code] = services.unit_create(
                code=code,
                name=name,
                kind=kind,
                parent=units.get(parent) if parent else None,
                valid_to=valid_to,
            )
        services.unit_merge(unit=units["91"], into=units["89"], on=REFORM)
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser(
                "admin", "admin@tiepdan.local", DEMO_PASSWORD, full_name="Quản trị hệ thống"
            )
        for username, full_name, position, memberships in USERS:
            user = services.user_create(
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                memberships=[(units[code], role) for code, role in memberships],
            )
            user.position = position
            user.save(update_fields=["position"])
        for full_name, id_number, dob, gender, address, phone, unit in CITIZENS:
            citizen_services.citizen_create(
                unit=units[unit],
                actor=None,
                full_name=full_name,
                id_number=id_number,
                date_of_birth=dob,
                gender=gender,
                address=address,
                phone=phone,
            )
