from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from core.apis import HealthzApi

urlpatterns = [
    path("admin/", admin.site.urls),
    # The desk's login at Django's default LOGIN_URL, so login_required needs no setting.
    path("accounts/login/", auth_views.LoginView.as_view(
        template_name="claims/login.html", redirect_authenticated_user=True, next_page=reverse_lazy("desk:queue"),
    ), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page=reverse_lazy("login")), name="logout"),
    path("healthz", HealthzApi.as_view(), name="healthz"),
    # The reader's choice of language (Django's set_language: a POST that sets the language cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("claims/favicon.svg"), permanent=True)),
    path("api/v1/", include("config.api_urls")),
    path("", include("claims.urls")),
]
