"""REST API v1, mounted at /api/v1/ (namespace "api")."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from articles import apis as articles
from claims import apis as claims
from claims import article_apis
from core.api import not_found
from users import apis as users

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", users.TokenApi.as_view(), name="token"),
    path("users/", users.UserListApi.as_view(), name="user-list"),
    path("users/<int:pk>/", users.UserDetailApi.as_view(), name="user-detail"),
    path("sources/", articles.SourceListApi.as_view(), name="source-list"),
    path("sources/<int:pk>/", articles.SourceDetailApi.as_view(), name="source-detail"),
    path("articles/", articles.ArticleListApi.as_view(), name="article-list"),
    path("articles/<int:pk>/", article_apis.ArticleDetailApi.as_view(), name="article-detail"),
    path("articles/<int:pk>/claims/", article_apis.ArticleClaimListApi.as_view(), name="article-claims"),
    path("claims/", claims.ClaimListApi.as_view(), name="claim-list"),
    path("claims/export/", claims.ClaimExportApi.as_view(), name="claim-export"),
    path("claims/<int:pk>/", claims.ClaimDetailApi.as_view(), name="claim-detail"),
    path("claims/<int:pk>/events/", claims.ClaimEventListApi.as_view(), name="claim-events"),
    path("claims/<int:pk>/verdict/", claims.ClaimVerdictApi.as_view(), name="claim-verdict"),
    path("claims/<int:pk>/correct/", claims.ClaimCorrectApi.as_view(), name="claim-correct"),
    path("claims/<int:pk>/not-a-claim/", claims.ClaimNotAClaimApi.as_view(), name="claim-not-a-claim"),
    path("claims/<int:pk>/claimreview/", claims.ClaimClaimReviewApi.as_view(), name="claim-claimreview"),
    path("figures/", claims.FigureListApi.as_view(), name="figure-list"),
    path("figures/<int:pk>/", claims.FigureDetailApi.as_view(), name="figure-detail"),
    path("figures/<int:pk>/timeline/", claims.FigureTimelineApi.as_view(), name="figure-timeline"),
    path("conflicts/", claims.ConflictListApi.as_view(), name="conflict-list"),
    path("conflicts/export/", claims.ConflictExportApi.as_view(), name="conflict-export"),
    path("conflicts/take-next/", claims.ConflictTakeNextApi.as_view(), name="conflict-take-next"),
    path("conflicts/<int:pk>/", claims.ConflictDetailApi.as_view(), name="conflict-detail"),
    path("conflicts/<int:pk>/events/", claims.ConflictEventListApi.as_view(), name="conflict-events"),
    path("conflicts/<int:pk>/assign/", claims.ConflictAssignApi.as_view(), name="conflict-assign"),
    path("conflicts/<int:pk>/release/", claims.ConflictReleaseApi.as_view(), name="conflict-release"),
    path("conflicts/<int:pk>/resolve/", claims.ConflictResolveApi.as_view(), name="conflict-resolve"),
    path("conflicts/<int:pk>/dismiss/", claims.ConflictDismissApi.as_view(), name="conflict-dismiss"),
    path("reviews/", claims.ReviewListApi.as_view(), name="review-list"),
    path("reviews/<int:pk>/", claims.ReviewDetailApi.as_view(), name="review-detail"),
    path("reviews/<int:pk>/approve/", claims.ReviewApproveApi.as_view(), name="review-approve"),
    path("reviews/<int:pk>/reject/", claims.ReviewRejectApi.as_view(), name="review-reject"),
    path("claimreviews/", claims.ClaimReviewListApi.as_view(), name="claimreview-list"),
    # Anything else under /api/v1/ (an unknown path, an id that is not a number) is a JSON 404.
    re_path(r"^.*$", not_found),
]
