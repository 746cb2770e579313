from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from core.apis import HealthzApi

urlpatterns = [
    path("admin/", admin.site.urls),
    # The desk's login at Django's default LOGIN_URL, so login_required needs no setting.
    path("accounts/login/", auth_views.LoginView.as_view(
        template_name="claims/login.html", redirect_authenticated_user=True, next_page=reverse_lazy("desk:queue"),
    ), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("login")), name="logout"),
    path("healthz", HealthzApi.as_view(), name="healthz"),
    path("api/v1/", include("config.api_urls")),
    path("", include("claims.urls")),
]
