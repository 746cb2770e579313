from django.contrib import admin
from django.urls import path

from articles.apis import HealthzApi

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", HealthzApi.as_view(), name="healthz"),
]
