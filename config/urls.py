from django.contrib import admin
from django.urls import include, path

from articles.apis import HealthzApi

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", HealthzApi.as_view(), name="healthz"),
    path("api/v1/", include("config.api_urls")),
    path("", include("claims.urls")),
]
