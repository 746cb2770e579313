"""Notifications: what a person should know of, in their queue, their notifications list and, when a
mail backend is configured, their inbox.

Services call `notify` for the moves that concern someone else (a verdict sent back, a conflict
assigned, a comment, a conflict settled by a published verdict, an article's text edited under a
verdict): explicit calls, no signals. The e-mail goes after the commit, through a task, so that a
slow or failing mail server never holds a reviewer's request or undoes their work.

A notification is written in no one's language: it keeps its message untranslated (a msgid marked
with gettext_noop) with its parameters, and is rendered in its reader's language when shown: the
request's language on the desk and in the API, the recipient's in the e-mail. A parameter is kept
as written (a comment's excerpt, a note), or is itself a message ({"template": ..., "params": ...})
or a label of a code ({"label": "rating", "code": "accurate"}), translated in turn. The English
rendering is stored in `message` too, for the admin.
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
from django.utils import translation
from django.utils.translation import gettext_noop as N_

from claims import labels
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


# The labels a parameter may name ({"label": kind, "code": code}).
_LABELS = {"rating": labels.rating}


def message(template: str, **params: Any) -> dict[str, Any]:
    """A message to render later: `template` marked with gettext_noop, its parameters plain
    values, messages or labels (see the module's docstring)."""
    return {"template": template, "params": params}


def label(kind: str, code: str) -> dict[str, str]:
    if kind not in _LABELS:
        raise ValueError(f"no label of kind {kind!r}; one of {', '.join(sorted(_LABELS))}")
    return {"label": kind, "code": code}


def render(template: str, params: dict[str, Any]) -> str:
    """`template` % `params` in the active language (KeyError, TypeError, ValueError when they
    do not fit)."""
    return translation.gettext(template) % {key: _rendered(value) for key, value in params.items()}


def _rendered(value: Any) -> Any:
    if isinstance(value, dict) and "template" in value:
        return render(value["template"], value.get("params") or {})
    if isinstance(value, dict) and "label" in value:
        return str(_LABELS[value["label"]](value.get("code")))
    return value


def notification_text(notification: Notification) -> str:
    """What the notification says, in the active language; a notification stored before its
    template was kept (or whose template no longer fits its parameters) says its stored text."""
    if not notification.template:
        return notification.message
    try:
        return render(notification.template, notification.params)
    except (KeyError, TypeError, ValueError):
        logger.warning("notification %s: its message does not render; its stored text is shown", notification.pk)
        return notification.message


def recipient_language(person: Any) -> str:
    """The language a person's e-mail is written in. People have no language of their own stored
    (the desk's language is a browser's cookie), so it is the site's: settings.LANGUAGE_CODE."""
    return settings.LANGUAGE_CODE


def notify(*, recipients: Iterable[Any], kind: str, obj: models.Model, template: str,
           params: dict[str, Any] | None = None, actor: Any = None) -> list[Notification]:
    """Tell each of `recipients` (users; None and the actor left out, each once) about `obj`:
    `template` (marked with gettext_noop) % `params`, rendered in each reader's language.

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
    params = params or {}
    with translation.override("en"):
        english = render(template, params)  # raises here, not when read, when they do not fit
    created = Notification.objects.bulk_create([
        Notification(recipient=person, actor=actor, kind=kind, object_type=obj._meta.label_lower, object_id=obj.pk,
                     message=english, template=template, params=params)
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
    with translation.override(recipient_language(notification.recipient)):
        subject = f"[Tally] {labels.notification_kind(notification.kind)}"
        body = f"{notification_text(notification)}\n\n{link}\n"
    send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[address])
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


def sent_back_message(*, claim_id: int, note: str) -> dict[str, Any]:
    return message(N_("Your verdict on claim %(claim)s was sent back: %(note)s"), claim=claim_id, note=note)
