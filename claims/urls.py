"""The reviewer's web UI."""

from django.urls import path  # noqa: F401 - the desk's routes are added here

app_name = "desk"
urlpatterns: list = []
