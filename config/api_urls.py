"""REST API v1, mounted at /api/v1/."""

from django.urls import path  # noqa: F401 - the API's routes are added here

urlpatterns: list = []
