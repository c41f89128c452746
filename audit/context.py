"""The request behind a service call, so services can log without taking a request argument."""

from __future__ import annotations

from contextvars import ContextVar

from budget_portal.clients import client_ip

current_ip: ContextVar[str | None] = ContextVar("audit_ip", default=None)
# Who is acting, for changes seen only through model signals (the admin's user pages).
current_user = ContextVar("audit_user", default=None)


class AuditContextMiddleware:
    """Remembers the client's address for the request, and logs every refusal (403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request) or None)
        user_token = current_user.set(getattr(request, "user", None))
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                from audit.log import Action, record

                record(
                    Action.DENIED,
                    actor=getattr(request, "user", None),
                    details={"method": request.method, "path": request.path[:300]},
                )
            return response
        finally:
            current_ip.reset(token)
            current_user.reset(user_token)
