"""REST API v1: comments on claims and conflicts, and the caller's notifications."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import labels
from claims.apis.common import IdField, require_exists
from claims.models import Claim, Comment, Conflict, Notification
from claims.services.comments import MAX_COMMENT_CHARS, comment_create, comment_list
from claims.services.notifications import (
    notification_link,
    notification_list,
    notification_text,
    notifications_mark_read,
)
from core.api import CanReview, validated


class CommentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.username")
    claim_id = serializers.IntegerField(allow_null=True)
    conflict_id = serializers.IntegerField(allow_null=True)
    body = serializers.CharField()
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "Comment"


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_COMMENT_CHARS)

    class Meta:
        ref_name = "CommentInput"


class _CommentListApi(ListAPIView):
    """The comments of one object, oldest first (cursor-paginated); POST adds one, and tells those
    who follow the object."""

    permission_classes = [CanReview]
    serializer_class = CommentOutputSerializer
    filter_backends: list[type] = []
    ordering = ["id"]
    model: type[models.Model]
    field: str

    def get_queryset(self) -> models.QuerySet[Comment]:
        require_exists(self.model, self.kwargs["pk"])
        return comment_list(**{self.field: self.kwargs["pk"]})

    @extend_schema(request=CommentInputSerializer, responses={201: CommentOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        require_exists(self.model, pk)
        data = validated(CommentInputSerializer, request)
        comment = comment_create(author=request.user, body=data["body"], **{self.field: pk})
        return Response(CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)


class ClaimCommentListApi(_CommentListApi):
    model, field = Claim, "claim_id"


class ConflictCommentListApi(_CommentListApi):
    model, field = Conflict, "conflict_id"


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_display = serializers.SerializerMethodField(help_text="The kind, in the request's language")
    object_type = serializers.CharField()
    object_id = serializers.IntegerField()
    desk_url = serializers.SerializerMethodField(help_text="The desk page it is about")
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    message = serializers.SerializerMethodField(help_text="What it says, in the request's language")
    read = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "Notification"

    def get_desk_url(self, notification: Notification) -> str:
        return notification_link(notification)

    def get_kind_display(self, notification: Notification) -> str:
        return str(labels.notification_kind(notification.kind))

    def get_message(self, notification: Notification) -> str:
        return notification_text(notification)

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationListApi(ListAPIView):
    """The caller's notifications, newest first (`?unread=true` for the unread ones);
    cursor-paginated."""

    permission_classes = [CanReview]
    serializer_class = NotificationOutputSerializer
    filter_backends: list[type] = []
    ordering = ["-id"]

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="Only the unread ones")])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> models.QuerySet[Notification]:
        unread = self.request.query_params.get("unread", "").lower() in {"1", "true", "yes"}
        return notification_list(recipient=self.request.user, unread_only=unread)


class NotificationReadApi(APIView):
    """Mark the caller's notifications read: those of `ids`, or all of them when no ids are given.
    Another person's notification is never touched."""

    permission_classes = [CanReview]

    class InputSerializer(serializers.Serializer):
        ids = serializers.ListField(child=IdField(), required=False, max_length=1000)

        class Meta:
            ref_name = "NotificationReadInput"

    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField(help_text="How many were unread and are now read")

        class Meta:
            ref_name = "NotificationReadOutput"

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request)
        marked = notifications_mark_read(recipient=request.user, notification_ids=data.get("ids"))
        return Response({"marked": marked})
