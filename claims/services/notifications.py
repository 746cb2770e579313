"""Notifications: what a person should know of, in their queue, their notifications list and, when a
mail backend is configured, their inbox.

Services call `notify` for the moves that concern someone else (a verdict sent back, a conflict
assigned, a comment, a conflict settled by a published verdict, an article's text edited under a
verdict): explicit calls, no signals. The e-mail goes after the commit, through a task, so that a
slow or failing mail server never holds a reviewer's request or undoes their work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Notification

logger = logging.getLogger(__name__)

# The backend Django uses when none is named: configured, it sends nothing.
_NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


def mail_configured() -> bool:
    return settings.EMAIL_BACKEND != _NO_MAIL


def notification_link(notification: Notification) -> str:
    """The desk page a notification is about (a path)."""
    if notification.object_type == "claims.conflict":
        return reverse("desk:conflict", args=[notification.object_id])
    return reverse("desk:claim", args=[notification.object_id])


def notify(*, recipients: Iterable[Any], kind: str, obj: models.Model, message: str,
           actor: Any = None) -> list[Notification]:
    """Tell each of `recipients` (users; None and the actor left out, each once) about `obj`.

    Call inside the transaction of the change it reports: the notifications are stored with it,
    and their e-mails are sent once it commits.
    """
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or not person.is_active or person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        people.append(person)
    if not people:
        return []
    created = Notification.objects.bulk_create([
        Notification(recipient=person, actor=actor, kind=kind, object_type=obj._meta.label_lower, object_id=obj.pk,
                     message=message)
        for person in people
    ])
    if mail_configured():
        ids = [n.pk for n, person in zip(created, people, strict=True) if person.email]
        if ids:
            transaction.on_commit(lambda: _send_emails(ids))
    return created


def _send_emails(notification_ids: list[int]) -> None:
    from claims.tasks import email_notification as email_notification_task

    for notification_id in notification_ids:
        try:
            email_notification_task.delay(notification_id)
        except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
            logger.warning("broker unavailable (%s): notification %s not e-mailed", error, notification_id)


def notification_email(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient; idempotent (sent once). False when there is
    nothing to send: gone, sent already, no address, no backend."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None or not mail_configured():
        return False
    address = notification.recipient.email
    if not address:
        return False
    link = settings.TALLY_SITE_URL.rstrip("/") + notification_link(notification)
    send_mail(
        subject=f"[Tally] {notification.get_kind_display()}",
        message=f"{notification.message}\n\n{link}\n",
        from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[address],
    )
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return True


def notification_list(*, recipient: Any, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=recipient).select_related("actor")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def notification_unread_count(*, recipient: Any) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()


def notifications_mark_read(*, recipient: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the recipient's notifications read (all of them when no ids are given); how many changed.
    Another person's notification is never touched."""
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now(), updated_at=timezone.now())


def sent_back_message(*, claim_id: int, note: str) -> str:
    return _("Your verdict on claim %(claim)s was sent back: %(note)s") % {"claim": claim_id, "note": note}
