"""The REST API: one NinjaAPI, routers from each app's ``api.py``."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from tuyengiao.accounts.api import TokenAuth, session_auth
from tuyengiao.accounts.api import router as accounts_router
from tuyengiao.documents.api import router as documents_router
from tuyengiao.org.api import router as org_router
from tuyengiao.press.api import router as press_router

api = NinjaAPI(
    title="Tuyên giáo số API",
    version="1",
    description=(
        "API cho các hệ thống khác: đơn vị, văn bản, sơ đồ triển khai, phát hiện, tìm kiếm, "
        "báo chí (nguồn tin, tin bài, chủ đề và độ phủ)."
    ),
    docs_url="/docs",
    auth=[TokenAuth(), session_auth],
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    detail = "Chưa xác thực: cần mã truy cập (Authorization: Bearer …) hoặc đăng nhập."
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = [
        {"loc": e.get("loc"), "msg": _VALIDATION.get(e.get("type"), e.get("msg"))}
        for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422
    )


_VALIDATION = {
    "missing": "thiếu trường bắt buộc",
    "string_too_long": "chuỗi quá dài",
    "int_parsing": "cần một số nguyên",
    "date_from_datetime_parsing": "cần ngày dạng YYYY-MM-DD",
    "date_parsing": "cần ngày dạng YYYY-MM-DD",
    "json_invalid": "JSON không hợp lệ",
}

api.add_router("/", accounts_router)
api.add_router("/units", org_router)
api.add_router("/", documents_router)
api.add_router("/press", press_router)
