"""The reviewer's web UI, mounted at /."""

from django.urls import path

from claims import views, views_browse, views_flow, views_public

app_name = "desk"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("take-next/", views.take_next, name="take_next"),
    path("take-next/held/", views.take_next_prompt, name="take_next_prompt"),
    path("notifications/", views_flow.notifications, name="notifications"),
    path("notifications/read/", views_flow.notifications_read, name="notifications_read"),
    path("conflicts/<int:pk>/assign/", views_flow.conflict_assign, name="conflict_assign"),
    path("conflicts/<int:pk>/comments/", views_flow.conflict_comment, name="conflict_comment"),
    path("claims/<int:pk>/comments/", views_flow.claim_comment, name="claim_comment"),
    path("claims/<int:pk>/in-context/", views_flow.claim_in_context, name="claim_in_context"),
    path("conflicts/<int:pk>/", views.conflict_detail, name="conflict"),
    path("conflicts/<int:pk>/resolve/", views.conflict_resolve, name="conflict_resolve"),
    path("conflicts/<int:pk>/dismiss/", views.conflict_dismiss, name="conflict_dismiss"),
    path("conflicts/<int:pk>/release/", views.conflict_release, name="conflict_release"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/verdict/", views.claim_verdict, name="claim_verdict"),
    path("claims/<int:pk>/correct/", views.claim_correct, name="claim_correct"),
    path("claims/<int:pk>/not-a-claim/", views.claim_not_a_claim, name="claim_not_a_claim"),
    path("approvals/", views.approvals, name="approvals"),
    path("reviews/<int:pk>/approve/", views.review_approve, name="review_approve"),
    path("reviews/<int:pk>/reject/", views.review_reject, name="review_reject"),
    path("published/", views.published, name="published"),
    path("audit/", views.audit, name="audit"),
    path("claims/", views_browse.claim_browse, name="claims"),
    path("claims/export.csv", views_browse.claim_export, name="claims_export"),
    path("articles/", views_browse.article_browse, name="articles"),
    path("conflicts/export.csv", views_browse.conflict_export, name="conflicts_export"),
    path("accuracy/", views_browse.accuracy, name="accuracy"),
    # Open to everyone: the published verdicts' pages and CSV.
    path("verdicts/<int:pk>/", views_public.verdict, name="verdict"),
    path("verdicts/<int:pk>/correct/", views_public.verdict_correct, name="verdict_correct"),
    path("verdicts/<int:pk>/retract/", views_public.verdict_retract, name="verdict_retract"),
    path("verdicts.csv", views_public.verdicts_csv, name="verdicts_csv"),
]
