"""Load the two seed plans with their superiors' plans, tasks and rosters (idempotent).

Phường Bắc Sơn, Tết Ất Tỵ 2025 (seed 000) implementing Kế hoạch 166/KH-UBND of the town;
Sở TT&TT Kiên Giang, Tết 2021 (seed 003) implementing Kế hoạch 190/KH-UBND of the province.
Run `load_demo` first.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tiepdan.organizations.models import Unit, User
from tiepdan.plans import roster_services, services
from tiepdan.plans.models import Plan
from tiepdan.reception.models import ReceptionVenue

D = dt.date
TET_2025 = "Tổ chức tiếp công dân phục vụ Tết Nguyên đán Ất Tỵ năm 2025"
TET_2021 = "Tổ chức tiếp công dân phục vụ Tết Dương lịch năm 2021 và Tết Nguyên đán Tân Sửu"

WARD = {
    "unit": "26734",
    "superior": {
        "unit": "38-BS",
        "number": "166",
        "issued_on": D(2025, 1, 15),
        "starts_on": D(2025, 1, 20),
        "ends_on": D(2025, 2, 10),
        "agency_name": "ỦY BAN NHÂN DÂN THỊ XÃ BẮC SƠN",
        "place": "Bắc Sơn",
    },
    "plan": {
        "title": TET_2025,
        "number": "",
        "symbol": "KH-UBND",
        "issued_on": D(2025, 1, 16),
        "starts_on": D(2025, 1, 23),
        "ends_on": D(2025, 2, 9),
        "legal_basis": [
            "Luật Tiếp công dân",
            "Chỉ thị số 35/CT-TW ngày 26/5/2014 của Bộ Chính trị",
            "Nghị quyết số 759/2014/NQ-UBTVQH13 ngày 15/5/2014 của Ủy ban Thường vụ Quốc hội",
            "Kế hoạch số 166/KH-UBND ngày 15/01/2025 của UBND thị xã Bắc Sơn",
        ],
        "preamble": (
            "Thực hiện Luật Tiếp công dân, Chỉ thị số 35/CT-TW ngày 26/5/2014 của Bộ Chính trị, "
            "Nghị quyết số 759/2014/NQ-UBTVQH13 ngày 15/5/2014 của Ủy ban Thường vụ Quốc hội; "
            "Kế hoạch số 166/KH-UBND ngày 15/01/2025 của UBND thị xã Bắc Sơn; Để góp phần đảm "
            "bảo an ninh trật tự trên địa bàn phường Bắc Sơn trong dịp Tết Nguyên đán Ất Tỵ năm "
            "2025; Chủ tịch UBND phường ban hành Kế hoạch tổ chức tiếp công dân như sau:"
        ),
        "purposes": [
            "Tăng cường, nâng cao hiệu quả công tác tiếp công dân, tiếp nhận, xử lý, giải quyết "
            "khiếu nại, tố cáo; đảm bảo tất cả công dân đến khiếu nại, tố cáo, kiến nghị, phản "
            "ánh đều được tiếp, hướng dẫn đúng pháp luật; tiếp nhận, xử lý kịp thời và theo dõi, "
            "đôn đốc kết quả giải quyết đơn của công dân; hạn chế tối đa khiếu kiện phức tạp, "
            "đông người vượt cấp lên thị xã, tỉnh và ra Trung ương nhất là trong thời gian nghỉ "
            "Tết Nguyên đán Ất Tỵ năm 2025, góp phần bảo đảm an ninh trật tự, an toàn xã hội.",
            "Nâng cao vai trò, trách nhiệm của các công chức chuyên môn, các ban ngành đoàn thể, "
            "các cơ quan đơn vị trên địa bàn phường trong việc tiếp công dân, xử lý đơn, giải "
            "quyết khiếu nại, tố cáo, nhất là các công chức chuyên môn làm nhiệm vụ tiếp công "
            "dân thường xuyên tại Trụ sở Tiếp công dân phường.",
        ],
        "requirements": [
            "Đảm bảo sự phối hợp thường xuyên, chặt chẽ giữa bộ phận Tiếp công dân phường với "
            "các công chức chuyên môn có liên quan trong việc tiếp công dân tại Trụ sở Tiếp công "
            "dân phường; giữa Bộ phận tiếp công dân phường với Ban tiếp công dân UBND thị xã "
            "trong công tác tiếp công dân, xử lý đơn và giải quyết khiếu nại, tố cáo; tăng cường "
            "trao đổi thông tin, dự báo tình hình để chủ động phòng ngừa, xử lý các tình huống "
            "phức tạp theo quy định.",
            "Đảm bảo an ninh trật tự Trụ sở Tiếp công dân phường; theo dõi, nắm chắc tình hình, "
            "chủ động xử lý kịp thời khi có đoàn công dân đông người khiếu kiện, nhất là trong "
            "thời gian nghỉ Tết Nguyên đán Ất Tỵ năm 2025.",
        ],
        "contents_intro": (
            "Để đảm bảo thực hiện tốt mục đích, yêu cầu tại Mục I, Kế hoạch này, Bộ phận tiếp "
            "công dân thường xuyên tại trụ sở UBND phường, các công chức chuyên môn, các ban "
            "ngành đoàn thể, cơ quan, đơn vị có liên quan trên địa bàn phường cần tập trung thực "
            "hiện có hiệu quả một số nhiệm vụ sau:"
        ),
        "contents": [
            "Duy trì phối hợp thực hiện tốt công tác tiếp công dân; tổ chức, thực hiện việc tiếp "
            "công dân đảm bảo hiệu quả tại Trụ sở Tiếp công dân UBND phường trong dịp Tết Nguyên "
            "đán Ất Tỵ năm 2025.",
            "Nâng cao tinh thần trách nhiệm trong quá trình thực hiện nhiệm vụ tại Trụ sở Tiếp "
            "công dân, địa điểm tiếp công dân; ngoài việc tiếp công dân cần làm tốt công tác dân "
            "vận, giải đáp, hướng dẫn, tuyên truyền để công dân hiểu đường lối, chủ trương của "
            "Đảng và chính sách, pháp luật của Nhà nước.",
            "Đối với các vụ việc phức tạp, đông người, công dân tập trung đến Trụ sở Thị ủy, "
            "UBND thị xã và Trụ sở Tiếp công dân thị xã khiếu kiện thì cấp ủy, chính quyền địa "
            "phương phải phối hợp chặt chẽ với Ban Tiếp công dân thị xã, các cơ quan, đơn vị có "
            "liên quan tăng cường công tác dân vận, tham gia tiếp, giải đáp, tuyên truyền, vận "
            "động công dân.",
            "Nắm chắc tình hình khiếu kiện, phát hiện sớm những điểm, những nơi phát sinh khiếu "
            "kiện đông người, phức tạp, tiềm ẩn nguy cơ mất an ninh trật tự để kịp thời kiến "
            "nghị cơ quan, người có thẩm quyền có biện pháp xử lý dứt điểm vụ việc, không để "
            "phát sinh “điểm nóng”.",
            "Chủ động phối hợp chặt chẽ với Ban Tiếp công dân thị xã, tỉnh để nắm bắt tình hình, "
            "kịp thời báo cáo, trao đổi, cung cấp thông tin, kết quả giải quyết vụ việc và tham "
            "gia tiếp, thuyết phục, vận động công dân của phường Bắc Sơn trở về địa phương (khi "
            "có yêu cầu).",
        ],
        "closing": (
            "Trên đây là Kế hoạch tổ chức tiếp công dân phục vụ Tết Nguyên đán Ất Tỵ năm 2025; "
            "yêu cầu phòng, Bộ phận tiếp công dân, các công chức chuyên môn, ban ngành đoàn thể, "
            "các cơ quan, đơn vị trên địa bàn phường có liên quan nghiêm túc tổ chức triển khai "
            "thực hiện./."
        ),
        "recipients": [
            "TT. Thị ủy, HĐND thị xã",
            "UBND thị xã",
            "TT Đảng ủy, HĐND phường",
            "Công an phường",
            "BCH Quân sự phường",
            "Các công chức chuyên môn phường",
            "Bộ phận TCD phường",
            "Các khu phố",
            "Lưu: VP",
        ],
        "agency_name": "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN",
        "agency_parent_name": "",
        "place": "Bắc Sơn",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Trường",
    },
    "tasks": [
        (
            "Chủ tịch UBND phường",
            "Thực hiện nghiêm túc Luật Tiếp công dân, bố trí cán bộ, công chức thường trực tiếp "
            "công dân, nắm bắt tình hình diễn biến khiếu kiện ở địa bàn, khi phát hiện đoàn đông "
            "người có ý định lên Trụ sở Ban TCD thị xã, hoặc Ban TCD tỉnh phải báo cáo cấp trên "
            "để có biện pháp giải quyết kịp thời, hạn chế khiếu kiện vượt cấp.\n\n"
            "Tăng cường trách nhiệm, tập trung giải quyết dứt điểm các vụ việc thuộc thẩm quyền, "
            "nhất là các vụ việc đã có văn bản chuyển đơn, chỉ đạo của các cơ quan đơn vị cấp "
            "trên.\n\n"
            "Giao Công an phường chủ trì, chủ động theo dõi, rà soát nắm chắc tình hình, dự báo "
            "các tình huống có thể xảy ra, nhất là trong dịp Tết Nguyên đán Ất Tỵ năm 2025, "
            "không để bị động, bất ngờ; kịp thời phát hiện đấu tranh, có biện pháp ngăn chặn, "
            "không để công dân lợi dụng kích động khiếu kiện gây phức tạp về an ninh trật tự; "
            "tham mưu cho cấp ủy, chính quyền biện pháp xử lý những tình huống phức tạp, các vụ "
            "việc khiếu kiện đông người ngay tại cơ sở, không để phát sinh “điểm nóng” gây mất "
            "trật tự an toàn xã hội.",
            "26734-CA",
            ["26734"],
        ),
        (
            "Bộ phận Tiếp công dân phường",
            "Thực hiện tốt việc đảm bảo điều kiện, trang thiết bị, quản lý Trụ sở Tiếp công dân "
            "phường; tham mưu, phục vụ tốt việc tiếp công dân đột xuất, định kỳ của lãnh đạo "
            "UBND phường; phối hợp với UBKT Đảng ủy, công chức làm nhiệm vụ tiếp công dân thường "
            "xuyên tại trụ sở tiếp công dân phường, tham mưu, phục vụ kỳ TCD của Bí thư Đảng ủy, "
            "TT. HĐND phường tiếp công dân định kỳ theo quy định.\n\n"
            "Duy trì thực hiện tốt công tác phối hợp trong tiếp công dân; tổ chức tốt công tác "
            "tiếp công dân thường xuyên tại Trụ sở Tiếp công dân phường các ngày làm việc (từ "
            "thứ 2 đến thứ 6) hằng tuần theo quy định của Luật Tiếp công dân; phân công cán bộ, "
            "công chức trực tiếp tiếp công dân trong các ngày nghỉ thứ 7, Chủ nhật và ngoài giờ "
            "hành chính, không để bị động, bất ngờ, kịp thời tham mưu xử lý các tình huống có "
            "thể xảy ra tính chất phức tạp.\n\n"
            "Phối hợp với Công an phường, Ban Chỉ huy quân sự phường, UB. MTTQ các tổ chức đoàn "
            "thể chính trị phường nắm tình hình khiếu nại, tố cáo; những nơi có yếu tố xảy ra "
            "khiếu kiện đông người để kiến nghị kịp thời Chủ tịch UBND phường chỉ đạo xem xét "
            "giải quyết, không để phát sinh điểm nóng.",
            "26734",
            ["26734-CA", "26734-QS", "26734-MT"],
        ),
        (
            "Ủy ban Kiểm tra Đảng ủy phường",
            "Đề nghị đại diện Ủy ban Kiểm tra Đảng ủy thực hiện tốt việc tiếp công dân thường "
            "xuyên tại Trụ sở Tiếp công dân phường theo quy định của Luật Tiếp công dân; phối "
            "hợp Bộ phận Tiếp công dân phường thường xuyên theo dõi, nắm chắc diễn biến tình hình "
            "khiếu kiện trên địa bàn phường, phát hiện những điểm, những nơi có yếu tố xảy ra "
            "khiếu nại, tố cáo đông người để kiến nghị kịp thời cấp có thẩm quyền có biện pháp "
            "giải quyết dứt điểm không để công dân lợi dụng khiếu kiện, kích động gây phức tạp "
            "về an ninh trật tự, phát sinh thành điểm nóng.",
            None,
            [],
        ),
        (
            "UB.MTTQ phường, các tổ chức đoàn thể, các khu phố",
            "Đề nghị UB.MTTQ phường các tổ chức đoàn thể chính trị xã hội phường, các khu phố "
            "chủ động nắm bắt tâm tư, nguyện vọng của quần chúng nhân dân trên địa bàn; các hội "
            "viên, đoàn viên của tổ chức mình để kịp thời động viên, tuyên truyền, giải thích và "
            "thông báo cho các đồng chí lãnh đạo Thường trực Đảng ủy, HĐND, các đồng chí lãnh đạo "
            "UBND phường để kịp thời có phương án giải quyết ngay tại cơ sở, tránh để tình trạng "
            "khiếu kiện vượt cấp.",
            "26734-MT",
            ["26734-KP1", "26734-KP2", "26734-KP3"],
        ),
        (
            "Cán bộ, công chức tiếp công dân thường xuyên",
            "Yêu cầu cán bộ, công chức làm nhiệm vụ tiếp công dân thường xuyên tại Trụ sở Tiếp "
            "công dân phường nâng cao tinh thần trách nhiệm trong quá trình thực hiện nhiệm vụ, "
            "làm tốt công tác dân vận, hướng dẫn, giải thích, tuyên truyền để công dân hiểu và "
            "chấp hành đường lối, chủ trương của Đảng và chính sách, pháp luật của Nhà nước.",
            "26734",
            [],
        ),
    ],
    "venue": (
        "Trụ sở Tiếp công dân phường Bắc Sơn",
        "Trụ sở UBND phường Bắc Sơn",
        "Phòng tiếp công dân, bàn ghế, sổ tiếp công dân, máy tính, điện thoại trực",
    ),
    "officers": ["tiep.bacson", "tiep2.bacson", "xuly.bacson"],
    "leaders": ["chutich.bacson", "phochutich.bacson"],
}

DEPARTMENT = {
    "unit": "91-STTTT",
    "superior": {
        "unit": "91",
        "number": "190",
        "issued_on": D(2020, 12, 30),
        "starts_on": D(2020, 12, 31),
        "ends_on": D(2021, 2, 28),
        "agency_name": "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
        "place": "Kiên Giang",
    },
    "plan": {
        "title": TET_2021,
        "number": "02",
        "symbol": "KH-STTTT",
        "issued_on": D(2021, 1, 6),
        "starts_on": D(2021, 1, 7),
        "ends_on": D(2021, 2, 28),
        "legal_basis": [
            "Kế hoạch số 190/KH-UBND ngày 30/12/2020 của Ủy ban nhân dân tỉnh về Tổ chức tiếp "
            "công dân phục vụ Tết Dương lịch năm 2021 và Tết Nguyên đán Tân Sửu",
        ],
        "preamble": (
            "Thực hiện Kế hoạch số 190/KH-UBND ngày 30/12/2020 của Ủy ban nhân dân tỉnh về Tổ "
            "chức tiếp công dân phục vụ Tết Dương lịch năm 2021 và Tết Nguyên đán Tân Sửu, Sở "
            "Thông tin và Truyền thông xây dựng kế hoạch thực hiện như sau:"
        ),
        "purposes": [
            "Đảm bảo an ninh trật tự tại địa điểm tiếp công dân của Sở Thông tin và Truyền "
            "thông, hạn chế tối đa các vụ việc khiếu nại, tố cáo đông người, phức tạp tập trung "
            "kéo đến cơ quan trước, trong và sau thời gian nghỉ Tết Dương lịch năm 2021 và Tết "
            "Nguyên đán Tân Sửu.",
            "Nâng cao trách nhiệm và hiệu quả công tác tiếp công dân, gắn việc tiếp công dân với "
            "trách nhiệm giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh của các cơ quan Nhà "
            "nước; giải quyết kịp thời, dứt điểm các vụ việc khiếu nại, tố cáo ngay từ cơ sở. "
            "Đảm bảo quyền khiếu nại, tố cáo của công dân đúng theo quy định của pháp luật; hạn "
            "chế phát sinh các vụ việc khiếu nại đông người kéo đến các cơ quan trước, trong và "
            "sau dịp tết.",
            "Tăng cường công tác phối hợp giữa các cơ quan chức năng có liên quan trong việc "
            "tiếp công dân; kịp thời xử lý tình huống khi có đoàn công dân khiếu nại, tố cáo "
            "đông người tại địa điểm tiếp công dân.",
            "Đảm bảo hoạt động bình thường của cơ quan theo quy định của pháp luật.",
        ],
        "requirements": [],
        "contents_intro": "",
        "contents": [
            "Thực hiện nghiêm Chỉ thị số 02/CT-UBND ngày 25/01/2019 và Công văn số "
            "1249/UBND-TCD ngày 10/9/2020 của UBND tỉnh Kiên Giang, về tăng cường công tác tiếp "
            "công dân, giải quyết khiếu nại, tố cáo trên địa bàn tỉnh Kiên Giang.",
            "Chủ động nắm chắc tình hình khiếu nại, tố cáo xảy ra trên lĩnh vực quản lý; thường "
            "xuyên kiểm tra, rà soát, tập trung giải quyết các vụ việc còn tồn đọng; tổ chức "
            "tiếp công dân, đối thoại, giải quyết kịp thời các vụ việc mới phát sinh đúng thẩm "
            "quyền, không để công dân khiếu kiện vượt cấp, tập trung đông người đến cơ quan và "
            "nhà riêng của lãnh đạo cơ quan và đến các cơ quan tỉnh khiếu kiện; nhất là trước, "
            "trong và sau dịp tết. Không đùn đẩy, né tránh, thiếu trách nhiệm trong công tác "
            "tiếp công dân, giải quyết khiếu nại, tố cáo.",
            "Thường xuyên, kịp thời cung cấp thông tin đến Thanh tra tỉnh, Ban Tiếp công dân "
            "tỉnh, Tổ công tác thường trực giải quyết khiếu nại đông người trên địa bàn tỉnh về "
            "tình hình công dân khiếu nại, tố cáo phức tạp, đông người, bức xúc để có phương án "
            "xử lý trong việc tiếp công dân.",
            "Bố trí công chức trực tiếp công dân; tổ chức tốt công tác tiếp công dân tại cơ quan "
            "trước, trong và sau thời gian nghỉ Tết Dương lịch năm 2021 và Tết Nguyên đán Tân "
            "Sửu.",
            "Nâng cao tinh thần trách nhiệm trong quá trình thực hiện nhiệm vụ, ngoài việc tiếp, "
            "hướng dẫn công dân cần làm tốt công tác dân vận, hướng dẫn, giải thích, tuyên truyền "
            "để người dân hiểu đường lối, chủ trương của Đảng và chính sách, pháp luật của Nhà "
            "nước.",
            "Phối hợp với Thanh tra tỉnh, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ "
            "đội Biên phòng tỉnh, UBND các huyện, thành phố nắm tình hình khiếu nại, tố cáo, phát "
            "hiện những điểm, những nơi dễ phát sinh khiếu nại, tố cáo đông người để có biện pháp "
            "tham mưu xử lý, giải quyết kịp thời không để xảy ra “điểm nóng”, phức tạp trước, "
            "trong và sau dịp tết.",
        ],
        "closing": (
            "Trên đây là Kế hoạch tổ chức tiếp công dân phục vụ Tết Dương lịch năm 2021 và Tết "
            "Nguyên đán Tân Sửu của Sở Thông tin và Truyền thông./."
        ),
        "recipients": [
            "Thanh tra tỉnh",
            "Ban Giám đốc",
            "Các phòng, đơn vị trực thuộc",
            "Lưu: VT, TTra",
        ],
        "agency_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "agency_parent_name": "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
        "place": "Kiên Giang",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Lâm Văn Sễn",
    },
    "tasks": [
        (
            "Thanh tra Sở",
            "Giao Thanh tra Sở chủ trì, phối hợp với các phòng, đơn vị trực thuộc và các đơn vị "
            "có liên quan tổ chức tiếp công dân trước, trong và sau Tết Dương lịch năm 2021 và "
            "Tết Nguyên đán Tân Sửu, báo cáo kết quả tiếp công dân cho Ban Giám đốc và tham mưu "
            "báo cáo cho Thanh tra tỉnh.",
            "91-STTTT-TTRA",
            ["91-STTTT-VP"],
        ),
        (
            "Văn phòng Sở",
            "Văn phòng bố trí, sắp xếp điều kiện về cơ sở, vật chất đảm bảo thực hiện tốt công "
            "tác tiếp công dân.",
            "91-STTTT-VP",
            [],
        ),
    ],
    "venue": (
        "Địa điểm tiếp công dân Sở Thông tin và Truyền thông",
        "Trụ sở Sở Thông tin và Truyền thông tỉnh Kiên Giang",
        "Phòng tiếp công dân tại Thanh tra Sở",
    ),
    "officers": ["tiep.stttt", "thanhtra.stttt"],
    "leaders": ["giamdoc.stttt"],
}


class Command(BaseCommand):
    help = "Tạo hai kế hoạch tiếp công dân mẫu (Phường Bắc Sơn 2025, Sở TT&TT Kiên Giang 2021)."

    def handle(self, *args, **options) -> None:
        for spec in (WARD, DEPARTMENT):
            plan, created = self._load(spec)
            verb = "Đã tạo" if created else "Đã có"
            self.stdout.write(f"{verb}: {plan.unit.name} — {plan.title} ({plan.shifts.count()} ca)")

    @transaction.atomic
    def _superior(self, sup: dict, units: dict[str, Unit], title: str) -> Plan:
        """The superior's plan this one implements, issued (made once)."""
        superior = Plan.objects.filter(
            unit=units[sup["unit"]], number=sup["number"], issued_on=sup["issued_on"]
        ).first()
        if superior is None:
            superior = services.plan_create(
                unit=units[sup["unit"]],
                actor=None,
                title=title,
                starts_on=sup["starts_on"],
                ends_on=sup["ends_on"],
                number=sup["number"],
                issued_on=sup["issued_on"],
                agency_name=sup["agency_name"],
                place=sup["place"],
            )
            services.plan_issue(
                plan=superior, actor=None, number=sup["number"], issued_on=sup["issued_on"]
            )
        return superior

    def _roster(self, plan: Plan, spec: dict, publish_on: dt.date) -> None:
        """The duty roster of the demo officers and leaders, generated and posted."""
        users = {
            u.username: u
            for u in User.objects.filter(username__in=spec["officers"] + spec["leaders"])
        }
        missing = [n for n in spec["officers"] + spec["leaders"] if n not in users]
        if missing:
            raise CommandError(f"Thiếu người dùng mẫu: {', '.join(missing)}; chạy load_demo.")
        roster_services.roster_generate(
            plan=plan,
            officers=[users[n] for n in spec["officers"]],
            leaders=[users[n] for n in spec["leaders"]],
            actor=None,
            publish_on=publish_on,
        )
        roster_services.roster_publish(plan=plan, actor=None, on=publish_on)

    def _load(self, spec: dict) -> tuple[Plan, bool]:
        units = {u.code: u for u in Unit.objects.all()}
        if spec["unit"] not in units:
            raise CommandError("Chưa có dữ liệu đơn vị mẫu: chạy `manage.py load_demo` trước.")
        unit = units[spec["unit"]]
        values = dict(spec["plan"])
        existing = Plan.objects.filter(
            unit=unit, title=values["title"], starts_on=values["starts_on"]
        ).first()
        if existing is not None:
            return existing, False

        superior = self._superior(spec["superior"], units, values["title"])
        name, address, facilities = spec["venue"]
        venue, _created = ReceptionVenue.objects.get_or_create(
            unit=unit, name=name, defaults={"address": address, "facilities": facilities}
        )
        plan = services.plan_create(
            unit=unit, actor=None, parent_plan=superior, venues=[venue], **values
        )
        for order, (label, content, lead, cooperating) in enumerate(spec["tasks"], start=1):
            services.task_create(
                plan=plan,
                actor=None,
                order=order,
                assignee_label=label,
                content=content,
                lead_unit=units.get(lead) if lead else None,
                cooperating_units=[units[c] for c in cooperating if c in units],
            )
        if values["number"]:
            services.plan_issue(
                plan=plan, actor=None, number=values["number"], issued_on=values["issued_on"]
            )
        self._roster(plan, spec, values["issued_on"])
        return plan, True
