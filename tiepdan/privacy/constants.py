from django.utils.translation import gettext_lazy as _

ANONYMISED = "privacy.anonymised"
SUBJECT_ACCESS_VIEWED = "privacy.subject_access_viewed"
SUBJECT_ACCESS_EXPORTED = "privacy.subject_access_exported"

ANONYMISED_NAME = "Người đã ẩn danh"
ANONYMISED_TEXT = "[đã xóa dữ liệu cá nhân do hết thời hạn lưu trữ]"
# The title a file's row keeps once the file is deleted from storage (the row stays, so that
# counts stay): a scan of an anonymised petition, an issued document past its own period.
REMOVED_FILE_TITLE = "[tài liệu đã xóa do hết thời hạn lưu trữ]"
REMOVED_DOCUMENT_TITLE = "[văn bản đã hủy do hết thời hạn lưu trữ]"

SUBJECT_ACCESS_BASIS = _(
    "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (hiệu lực từ 01/01/2026): quyền của chủ thể "
    "dữ liệu được biết và được truy cập dữ liệu cá nhân của mình đang được xử lý."
)
PROCESSING_BASIS = _(
    "Luật Tiếp công dân 2013, Luật Khiếu nại 2011, Luật Tố cáo 2018: dữ liệu được xử lý để "
    "tiếp công dân, xử lý và giải quyết đơn."
)
