"""The OpenAPI schema class (its own module: drf_spectacular.openapi imports rest_framework.generics,
which reads the API settings that name core.api's classes)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema

from core.api import ErrorSerializer


class TallyAutoSchema(AutoSchema):
    """Documents the error responses every operation can give, in the one error shape."""

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404"]
        if self.method not in ("GET", "HEAD"):
            codes += ["409", "413", "415", "429"]
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
        return responses
