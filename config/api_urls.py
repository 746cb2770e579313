"""REST API v1, mounted at /api/v1/ (namespace "api")."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from articles import apis as articles
from claims.apis import articles as articles_with_claims
from claims.apis import claimreviews, claims, conflicts, figures, flow, reviews
from core.api import not_found
from users import apis as users

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Both served from drf-spectacular-sidecar's static files (SPECTACULAR_SETTINGS): no CDN.
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"), name="redoc"),
    path("auth/token/", users.TokenApi.as_view(), name="token"),
    path("users/", users.UserListApi.as_view(), name="user-list"),
    path("users/<int:pk>/", users.UserDetailApi.as_view(), name="user-detail"),
    path("sources/", articles.SourceListApi.as_view(), name="source-list"),
    path("sources/<int:pk>/", articles.SourceDetailApi.as_view(), name="source-detail"),
    path("articles/", articles.ArticleListApi.as_view(), name="article-list"),
    path("articles/<int:pk>/", articles_with_claims.ArticleDetailApi.as_view(), name="article-detail"),
    path("articles/<int:pk>/claims/", articles_with_claims.ArticleClaimListApi.as_view(), name="article-claims"),
    path("claims/", claims.ClaimListApi.as_view(), name="claim-list"),
    path("claims/export/", claims.ClaimExportApi.as_view(), name="claim-export"),
    path("claims/<int:pk>/", claims.ClaimDetailApi.as_view(), name="claim-detail"),
    path("claims/<int:pk>/events/", claims.ClaimEventListApi.as_view(), name="claim-events"),
    path("claims/<int:pk>/comments/", flow.ClaimCommentListApi.as_view(), name="claim-comments"),
    path("claims/<int:pk>/verdict/", claims.ClaimVerdictApi.as_view(), name="claim-verdict"),
    path("claims/<int:pk>/correct/", claims.ClaimCorrectApi.as_view(), name="claim-correct"),
    path("claims/<int:pk>/not-a-claim/", claims.ClaimNotAClaimApi.as_view(), name="claim-not-a-claim"),
    path("claims/<int:pk>/claimreview/", claimreviews.ClaimClaimReviewApi.as_view(), name="claim-claimreview"),
    path("figures/", figures.FigureListApi.as_view(), name="figure-list"),
    path("figures/<int:pk>/", figures.FigureDetailApi.as_view(), name="figure-detail"),
    path("figures/<int:pk>/timeline/", figures.FigureTimelineApi.as_view(), name="figure-timeline"),
    path("conflicts/", conflicts.ConflictListApi.as_view(), name="conflict-list"),
    path("conflicts/export/", conflicts.ConflictExportApi.as_view(), name="conflict-export"),
    path("conflicts/take-next/", conflicts.ConflictTakeNextApi.as_view(), name="conflict-take-next"),
    path("conflicts/<int:pk>/", conflicts.ConflictDetailApi.as_view(), name="conflict-detail"),
    path("conflicts/<int:pk>/events/", conflicts.ConflictEventListApi.as_view(), name="conflict-events"),
    path("conflicts/<int:pk>/comments/", flow.ConflictCommentListApi.as_view(), name="conflict-comments"),
    path("notifications/", flow.NotificationListApi.as_view(), name="notification-list"),
    path("notifications/read/", flow.NotificationReadApi.as_view(), name="notification-read"),
    path("conflicts/<int:pk>/assign/", conflicts.ConflictAssignApi.as_view(), name="conflict-assign"),
    path("conflicts/<int:pk>/release/", conflicts.ConflictReleaseApi.as_view(), name="conflict-release"),
    path("conflicts/<int:pk>/resolve/", conflicts.ConflictResolveApi.as_view(), name="conflict-resolve"),
    path("conflicts/<int:pk>/dismiss/", conflicts.ConflictDismissApi.as_view(), name="conflict-dismiss"),
    path("reviews/", reviews.ReviewListApi.as_view(), name="review-list"),
    path("reviews/<int:pk>/", reviews.ReviewDetailApi.as_view(), name="review-detail"),
    path("reviews/<int:pk>/approve/", reviews.ReviewApproveApi.as_view(), name="review-approve"),
    path("reviews/<int:pk>/reject/", reviews.ReviewRejectApi.as_view(), name="review-reject"),
    path("claimreviews/", claimreviews.ClaimReviewListApi.as_view(), name="claimreview-list"),
    # Anything else under /api/v1/ (an unknown path, an id that is not a number) is a JSON 404.
    re_path(r"^.*$", not_found),
]
