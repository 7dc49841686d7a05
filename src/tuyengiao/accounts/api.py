"""API authentication: bearer tokens for other systems, the session for the browser."""

import hashlib

from django.utils import timezone
from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth

from tuyengiao.accounts.models import ApiToken

router = Router(tags=["Tài khoản"])


class TokenAuth(HttpBearer):
    """``Authorization: Bearer tgs_…``."""

    def authenticate(self, request, token: str):
        digest = hashlib.sha256(token.encode()).hexdigest()
        found = ApiToken.objects.select_related("user__unit").filter(key_hash=digest).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


session_auth = SessionAuth()


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    unit_id: int | None
    unit: str | None


@router.get("/me", response=MeOut, summary="Người dùng hiện tại")
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        unit_id=user.unit_id,
        unit=user.unit.name if user.unit else None,
    )
