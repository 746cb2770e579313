"""Users and their roles (admins)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.apis.common import missing, validated
from claims.services import users as user_services
from config.api import CanManageUsers


class UserOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.CharField()
    role = serializers.SerializerMethodField()
    is_active = serializers.BooleanField()

    def get_role(self, user: Any) -> str | None:
        return user_services.user_role(user)


class UserListApi(ListAPIView):
    """Users and their roles (admins)."""

    permission_classes = [CanManageUsers]
    serializer_class = UserOutputSerializer
    filter_backends: list[type] = []
    ordering = ["-id"]

    class InputSerializer(serializers.Serializer):
        username = serializers.RegexField(r"^[\w.@+-]+\Z", max_length=150)
        email = serializers.EmailField(required=False, default="", allow_blank=True)
        role = serializers.ChoiceField(choices=user_services.ROLES)
        password = serializers.CharField(required=False, allow_null=True, default=None, min_length=8,
                                         max_length=128, write_only=True)

        class Meta:
            ref_name = "UserCreateInput"

    def get_queryset(self) -> models.QuerySet:
        return get_user_model().objects.prefetch_related("groups")

    @extend_schema(request=InputSerializer, responses={201: UserOutputSerializer})
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request)
        user = user_services.user_create(actor=request.user, **data)
        return Response(UserOutputSerializer(self.get_queryset().get(pk=user.pk)).data, status=status.HTTP_201_CREATED)


class UserDetailApi(APIView):
    permission_classes = [CanManageUsers]

    class InputSerializer(serializers.Serializer):
        role = serializers.ChoiceField(choices=user_services.ROLES, required=False)
        is_active = serializers.BooleanField(required=False)

        class Meta:
            ref_name = "UserUpdateInput"

    def _user(self, pk: int) -> Any:
        user = get_user_model().objects.prefetch_related("groups").filter(pk=pk).first()
        if user is None:
            raise missing("user", pk)
        return user

    @extend_schema(responses=UserOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(UserOutputSerializer(self._user(pk)).data)

    @extend_schema(request=InputSerializer, responses=UserOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        user = self._user(pk)
        data = validated(self.InputSerializer, request)
        user_services.user_update(actor=request.user, user=user, **data)
        return Response(UserOutputSerializer(self._user(pk)).data)
