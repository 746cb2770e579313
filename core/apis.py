"""The health check: whether the database and the broker answer."""

from __future__ import annotations

from django.db import transaction
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View

from core.selectors import health_check


# Outside ATOMIC_REQUESTS: opening the request's transaction would itself fail when the database is down.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class HealthzApi(View):
    """Database and broker reachability: 200 when both answer, 503 naming the part that failed."""

    def get(self, request):  # type: ignore[no-untyped-def]
        report = health_check()
        return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
