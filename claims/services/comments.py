"""Comments on a claim or a conflict, and who hears of them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from claims.models import Claim, Comment, Conflict, Notification, Review
from claims.services.notifications import message, notify

MAX_COMMENT_CHARS = 10_000


def _interested(*, claim: Claim | None, conflict: Conflict | None) -> list[Any]:
    """Who follows a claim or conflict: its assignee, the reviewers of its verdicts and the editors
    who judged them, and everyone who commented on it."""
    users = get_user_model().objects
    if conflict is not None:
        ids = {conflict.assignee_id} | set(Review.objects.filter(conflict=conflict).values_list("reviewer_id", flat=True))
        ids |= set(Comment.objects.filter(conflict=conflict).values_list("author_id", flat=True))
    else:
        reviews = Review.objects.filter(claim=claim)
        ids = set(reviews.values_list("reviewer_id", flat=True)) | set(reviews.values_list("approved_by_id", flat=True))
        ids |= set(Comment.objects.filter(claim=claim).values_list("author_id", flat=True))
        ids |= set(Conflict.objects.filter(claim_a=claim).values_list("assignee_id", flat=True))
        ids |= set(Conflict.objects.filter(claim_b=claim).values_list("assignee_id", flat=True))
    return list(users.filter(pk__in=ids - {None}).order_by("pk"))


def comment_create(*, author: Any, body: str, claim_id: int | None = None, conflict_id: int | None = None) -> Comment:
    """A comment on a claim or a conflict (one of the two); those who follow it are notified."""
    if not author.has_perm("claims.change_conflict"):
        raise PermissionDenied(_("Only reviewers, editors and admins can comment."))
    if (claim_id is None) == (conflict_id is None):
        raise ValidationError(_("A comment is on a claim or on a conflict."))
    text = body.strip()
    if not text:
        raise ValidationError({"body": _("Write something: a comment cannot be empty.")})
    if len(text) > MAX_COMMENT_CHARS:
        raise ValidationError({"body": _("A comment is at most %(n)s characters.") % {"n": f"{MAX_COMMENT_CHARS:,}"}})
    with transaction.atomic():
        if claim_id is not None:
            claim = Claim.objects.filter(pk=claim_id).first()
            if claim is None:
                raise ValidationError(_("Claim %(id)s does not exist.") % {"id": claim_id})
            target, conflict = claim, None
        else:
            conflict = Conflict.objects.filter(pk=conflict_id).first()
            if conflict is None:
                raise ValidationError(_("Conflict %(id)s does not exist.") % {"id": conflict_id})
            target, claim = conflict, None
        followers = _interested(claim=claim, conflict=conflict)
        comment = Comment.objects.create(author=author, claim=claim, conflict=conflict, body=text)
        what = message(N_("claim %(id)s") if claim else N_("conflict %(id)s"), id=target.pk)
        excerpt = text if len(text) <= 200 else text[:199] + "…"
        notify(recipients=followers, kind=Notification.Kind.COMMENT, obj=target, actor=author,
               template=N_("%(author)s commented on %(what)s: %(excerpt)s"),
               params={"author": author.get_username(), "what": what, "excerpt": excerpt})
        return comment


def comment_list(*, claim_id: int | None = None, conflict_id: int | None = None) -> QuerySet[Comment]:
    filters = {"claim_id": claim_id} if claim_id is not None else {"conflict_id": conflict_id}
    return Comment.objects.filter(**filters).select_related("author").order_by("created_at", "id")
