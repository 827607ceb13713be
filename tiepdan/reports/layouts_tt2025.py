"""Header layouts of the six KNTC tables of TT 06/2025/TT-TTCP (appendix), transcribed from
the column reading in shared/reference/forms/tt06-2025/README.md, which follows the "MS" row of
the circular's tables (not the machine-extracted XLSX, whose merges are wrong).

Same shape as `layouts.LAYOUTS`: cells (first_row, first_col, last_row, last_col, text) from
row 0 of the header, column 0 "Đơn vị", column n the form's column n; the MS row with its sums;
the numbered note row ("N. Ghi chú:", N = last column + 1). The official tables have no total
row; the pages and files add one above the units, marked as such.
"""

from tiepdan.reports.layouts import HeaderLayout

MONEY, LAND = "Tiền (Trđ)", "Đất (m2)"
OFFICIALS = "Trong đó số cán bộ, công chức, viên chức"


def _ms(columns: int, sums: dict[int, str]) -> tuple[str, ...]:
    return tuple(sums.get(n, str(n)) for n in range(1, columns + 1))


def _leaves(row: int, first: int, texts: tuple[str, ...], last_row: int | None = None) -> tuple:
    """Cells side by side on `row` (down to `last_row`), from column `first`."""
    bottom = row if last_row is None else last_row
    return tuple((row, first + i, bottom, first + i, t) for i, t in enumerate(texts))


def _reception_block(first: int) -> tuple:
    """Thủ trưởng tiếp / Ủy quyền tiếp: days, visits, persons, cases, mass groups."""
    return (
        *_leaves(2, first, ("Số ngày tiếp", "Số lượt tiếp", "Số người được tiếp", "Số vụ việc"), 3),
        (2, first + 4, 2, first + 5, "Trong đó đoàn đông người"),
        *_leaves(3, first + 4, ("Số đoàn được tiếp", "Số người được tiếp")),
    )


TCD01 = HeaderLayout(
    title="TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT",
    header_rows=4,
    columns=21,
    cells=(
        (0, 0, 3, 0, "Đơn vị"),
        *_leaves(
            0,
            1,
            (
                "Tổng số lượt tiếp",
                "Tổng số người được tiếp",
                "Tổng số vụ việc tiếp",
                "Tổng số đoàn đông người",
            ),
            3,
        ),
        (0, 5, 0, 9, "Tiếp thường xuyên"),
        *_leaves(1, 5, ("Số lượt tiếp", "Số người được tiếp", "Số vụ việc"), 3),
        (1, 8, 2, 9, "Trong đó đoàn đông người"),
        *_leaves(3, 8, ("Số đoàn được tiếp", "Số người được tiếp")),
        (0, 10, 0, 21, "Tiếp định kỳ và đột xuất của Thủ trưởng"),
        (1, 10, 1, 15, "Thủ trưởng tiếp"),
        *_reception_block(10),
        (1, 16, 1, 21, "Ủy quyền tiếp"),
        *_reception_block(16),
    ),
    ms_row=_ms(21, {1: "1=5+11+17", 2: "2=6+12+18", 3: "3=7+13+19", 4: "4=8+14+20"}),
    footnote="22. Ghi chú:",
)

XLD02 = HeaderLayout(
    title="TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN",
    header_rows=4,
    columns=25,
    cells=(
        (0, 0, 3, 0, "Đơn vị"),
        *_leaves(0, 1, ("Tổng số đơn", "Số đơn đã xử lý", "Số đơn đủ điều kiện xử lý"), 3),
        (0, 4, 0, 22, "Số đơn thuộc thẩm quyền"),
        *_leaves(1, 4, ("Tổng số", "Số vụ việc thuộc thẩm quyền"), 3),
        (1, 6, 1, 11, "Khiếu nại"),
        (2, 6, 3, 6, "Tổng số đơn"),
        (2, 7, 2, 8, "Phân loại theo thẩm quyền giải quyết"),
        *_leaves(3, 7, ("Khiếu nại lần đầu", "Khiếu nại lần 2")),
        (2, 9, 2, 11, "Phân loại theo lĩnh vực"),
        *_leaves(3, 9, ("Đất đai", "Chế độ, chính sách", "Khác")),
        (1, 12, 1, 18, "Tố cáo"),
        (2, 12, 3, 12, "Tổng số đơn"),
        (2, 13, 2, 14, "Phân loại theo thẩm quyền giải quyết"),
        *_leaves(3, 13, ("Tố cáo lần đầu", "Tố cáo tiếp")),
        (2, 15, 2, 18, "Phân loại theo lĩnh vực"),
        *_leaves(3, 15, ("Hành chính", "Tham nhũng", "Tư pháp", "Khác")),
        (1, 19, 1, 22, "Kiến nghị, phản ánh"),
        (2, 19, 3, 19, "Tổng số đơn"),
        (2, 20, 2, 22, "Phân loại theo lĩnh vực"),
        *_leaves(3, 20, ("Chế độ, chính sách", "Đất đai", "Khác")),
        (0, 23, 0, 25, "Số đơn không thuộc thẩm quyền"),
        (1, 23, 3, 23, "Tổng số đơn"),
        (1, 24, 2, 25, "Phân loại theo kết quả xử lý"),
        *_leaves(3, 24, ("Hướng dẫn", "Chuyển đơn")),
    ),
    ms_row=_ms(
        25,
        {
            3: "3=4+23",
            4: "4=6+12+19",
            6: "6=7+8=9+10+11",
            12: "12=13+14=15+16+17+18",
            19: "19=20+21+22",
            23: "23=24+25",
        },
    ),
    footnote="26. Ghi chú:",
)

_STATUS = (
    "Đang xem xét điều kiện thụ lý",
    "Đã thụ lý giải quyết",
    "Không thụ lý",
    "Rút đơn, đình chỉ giải quyết",
)
_RETURNED = (MONEY, LAND, "Số tổ chức được trả lại quyền lợi", "Số cá nhân được trả lại quyền lợi")


def _resolution_head(kind: str) -> tuple:
    """Columns 1–6 of 03/GQKN and 04/GQTC (2 header rows)."""
    return (
        (0, 0, 1, 0, "Đơn vị"),
        (0, 1, 1, 1, f"Tổng số đơn {kind} thuộc thẩm quyền"),
        (0, 2, 1, 2, "Tổng số vụ việc"),
        (0, 3, 0, 6, "Phân tích kết quả"),
        *_leaves(1, 3, _STATUS),
    )


GQKN03 = HeaderLayout(
    title="TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI",
    header_rows=2,
    columns=23,
    cells=(
        *_resolution_head("khiếu nại"),
        (0, 7, 1, 7, "Tổng số Quyết định ban hành trong kỳ"),
        (0, 8, 0, 10, "Giải quyết lần đầu"),
        *_leaves(1, 8, ("Khiếu nại đúng", "Khiếu nại sai", "Khiếu nại đúng 1 phần")),
        (0, 11, 0, 12, "Giải quyết lần 2"),
        *_leaves(1, 11, ("Công nhận kết quả lần đầu", "Hủy, sửa kết quả lần đầu")),
        (0, 13, 0, 14, "Kiến nghị thu hồi cho Nhà nước"),
        *_leaves(1, 13, (MONEY, LAND)),
        (0, 15, 0, 18, "Trả lại cho tổ chức, cá nhân"),
        *_leaves(1, 15, _RETURNED),
        (0, 19, 0, 20, "Kiến nghị xử lý hành chính"),
        *_leaves(1, 19, ("Tổng số người bị kiến nghị xử lý", OFFICIALS)),
        (0, 21, 0, 23, "Chuyển cơ quan điều tra"),
        *_leaves(1, 21, ("Số vụ", "Tổng số người", OFFICIALS)),
    ),
    ms_row=_ms(23, {2: "2=3+4+5+6", 7: "7=8+9+10+11+12"}),
    footnote="24. Ghi chú:",
)

GQTC04 = HeaderLayout(
    title="TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO",
    header_rows=2,
    columns=25,
    cells=(
        *_resolution_head("tố cáo"),
        (0, 7, 1, 7, "Tổng số Kết luận ban hành trong kỳ"),
        (0, 8, 0, 10, "Tố cáo lần đầu"),
        *_leaves(1, 8, ("Tố cáo đúng", "Tố cáo sai", "Tố cáo có đúng có sai")),
        (0, 11, 0, 13, "Tố cáo tiếp"),
        *_leaves(1, 11, ("Tố cáo tiếp đúng", "Tố cáo tiếp sai", "Tố cáo tiếp có đúng có sai")),
        (0, 14, 0, 15, "Kiến nghị thu hồi cho Nhà nước"),
        *_leaves(1, 14, (MONEY, LAND)),
        (0, 16, 0, 19, "Trả lại cho tổ chức, cá nhân"),
        *_leaves(1, 16, _RETURNED),
        (0, 20, 0, 22, "Kiến nghị xử lý hành chính"),
        *_leaves(1, 20, ("Tổ chức", "Cá nhân", "Trong đó, Cán bộ, công chức")),
        (0, 23, 0, 25, "Chuyển cơ quan điều tra"),
        *_leaves(1, 23, ("Số vụ", "Số đối tượng", OFFICIALS)),
    ),
    ms_row=_ms(25, {2: "2=3+4+5+6", 7: "7=8+9+10+11+12+13"}),
    footnote="26. Ghi chú:",
)


def _amounts(first: int, title: str, owed: str, done: str) -> tuple:
    """Thu hồi / Trả lại: owed and done, each money and land (rows 1–3)."""
    return (
        (1, first, 1, first + 3, title),
        (2, first, 2, first + 1, owed),
        (2, first + 2, 2, first + 3, done),
        *_leaves(3, first, (MONEY, LAND, MONEY, LAND)),
    )


KQTH05 = HeaderLayout(
    title="TỔNG HỢP KẾT QUẢ THI HÀNH QUYẾT ĐỊNH, THỰC HIỆN KẾT LUẬN",
    header_rows=4,
    columns=31,
    cells=(
        (0, 0, 3, 0, "Đơn vị"),
        (0, 1, 0, 15, "Kết quả thi hành Quyết định giải quyết khiếu nại"),
        *_leaves(
            1,
            1,
            ("Tổng số Quyết định phải thi hành trong kỳ", "Tổng số Quyết định đã thi hành xong"),
            3,
        ),
        *_amounts(3, "Thu hồi cho Nhà nước", "Phải thu", "Đã thu"),
        *_amounts(7, "Trả lại cho tổ chức, cá nhân", "Phải trả", "Đã trả"),
        (1, 11, 1, 12, "Đã xử lý hành chính"),
        *_leaves(2, 11, ("Tổng số người bị xử lý", OFFICIALS), 3),
        (1, 13, 1, 15, "Đã khởi tố"),
        *_leaves(2, 13, ("Số vụ", "Số người", OFFICIALS), 3),
        (0, 16, 0, 31, "Kết quả thực hiện Kết luận nội dung tố cáo"),
        *_leaves(
            1,
            16,
            ("Tổng số Kết luận phải thực hiện trong kỳ", "Tổng số Kết luận đã thực hiện xong"),
            3,
        ),
        *_amounts(18, "Thu hồi cho Nhà nước", "Phải thu", "Đã thu"),
        *_amounts(22, "Trả lại cho tổ chức, cá nhân", "Phải trả", "Đã trả"),
        (1, 26, 1, 28, "Đã xử lý hành chính"),
        *_leaves(2, 26, ("Tổng số tổ chức bị xử lý", "Tổng số cá nhân bị xử lý", OFFICIALS), 3),
        (1, 29, 1, 31, "Đã khởi tố"),
        *_leaves(2, 29, ("Số vụ", "Số đối tượng", OFFICIALS), 3),
    ),
    ms_row=_ms(31, {}),
    footnote="32. Ghi chú:",
)

QLKNTC06 = HeaderLayout(
    title="TỔNG HỢP CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ TIẾP CÔNG DÂN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO",
    header_rows=4,
    columns=17,
    cells=(
        (0, 0, 3, 0, "Đơn vị"),
        (
            0,
            1,
            0,
            3,
            "Ban hành văn bản quản lý, chỉ đạo (Bộ, ngành, tỉnh, TP) về công tác TCD KN, TC",
        ),
        *_leaves(
            1,
            1,
            ("Số văn bản ban hành mới", "Số văn bản được sửa đổi, bổ sung", "Số văn bản hủy bỏ"),
            3,
        ),
        (0, 4, 0, 5, "Tập huấn, tuyên truyền, giáo dục pháp luật về TCD, KN, TC"),
        *_leaves(1, 4, ("Số lớp", "Số người"), 3),
        (0, 6, 0, 12, "Thanh tra trách nhiệm"),
        (1, 6, 1, 7, "Thực hiện pháp luật về TCD, KN, TC"),
        *_leaves(2, 6, ("Số cuộc", "Số đơn vị"), 3),
        (1, 8, 3, 8, "Số cuộc đã ban hành kết luận"),
        (1, 9, 1, 12, "Kiến nghị xử lý"),
        (2, 9, 2, 10, "Hành chính"),
        (2, 11, 2, 12, "Chuyển cơ quan điều tra"),
        *_leaves(3, 9, ("Tổ chức", "Cá nhân", "Tổ chức", "Cá nhân")),
        (0, 13, 0, 17, "Kết quả thực hiện kết luận, quyết định xử lý về thanh tra trách nhiệm"),
        (1, 13, 3, 13, "Tổng số KLTT thực hiện"),
        (1, 14, 2, 15, "Đã xử lý hành chính"),
        (1, 16, 2, 17, "Đã khởi tố"),
        *_leaves(3, 14, ("Tổ chức", "Cá nhân", "Vụ", "Đối tượng")),
    ),
    ms_row=_ms(17, {}),
    footnote="18. Ghi chú:",
)

LAYOUTS_TT2025: dict[str, HeaderLayout] = {
    "TT2025_TCD01": TCD01,
    "TT2025_XLD02": XLD02,
    "TT2025_GQKN03": GQKN03,
    "TT2025_GQTC04": GQTC04,
    "TT2025_KQTH05": KQTH05,
    "TT2025_QLKNTC06": QLKNTC06,
}
