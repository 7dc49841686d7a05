"""The REST API: one NinjaAPI, routers from each app's ``api.py``."""

from ninja import NinjaAPI

from tuyengiao.accounts.api import TokenAuth, session_auth
from tuyengiao.accounts.api import router as accounts_router
from tuyengiao.documents.api import router as documents_router
from tuyengiao.org.api import router as org_router

api = NinjaAPI(
    title="Tuyên giáo số API",
    version="1",
    description=(
        "API cho các hệ thống khác: đơn vị, văn bản, sơ đồ triển khai, phát hiện, tìm kiếm."
    ),
    docs_url="/docs",
    auth=[TokenAuth(), session_auth],
)
api.add_router("/", accounts_router)
api.add_router("/units", org_router)
api.add_router("/", documents_router)
