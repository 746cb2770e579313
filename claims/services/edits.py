"""Editing an article's title or body: its claims are read again, and no span goes stale.

A claim is a span of the article's text, so an edit that changes the text moves or removes what
every claim points at. `article_edit` stores the new text and, in the same transaction:
- the claims nobody has worked on are replaced by what the engine reads in the new text;
- a claim a reviewer has worked on (a verdict, a status other than unreviewed, a comment, or a
  conflict taken up) is kept and anchored again where its quote still occurs:
  - `shifted`: its sentence is unchanged, only its place in the text (an edit elsewhere): the
    verdict stands;
  - `moved`: its quote occurs in a changed sentence: the verdict judged other words, so it goes
    back for a re-check;
  - `vanished`: its quote is gone: the claim is kept out of the text (`in_text` false, its span
    past the text's end) and its verdict goes back for a re-check;
- an Event on the article says what happened to its claims, one on each claim kept says where
  its span went; the reviewers of verdicts sent back, or published on words since changed, are
  notified. Conflict detection then runs for the article, after the commit.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from articles.models import Article
from articles.parsing import ArticleInput, IngestError, content_hash, validate
from articles.wires import wire_agencies_in
from claims.models import Claim, ClaimStatus, Comment, Conflict, Notification, Review
from claims.services.audit import event_record
from claims.services.claims import _claims_from_extraction, _store_claims, enqueue_detection
from claims.services.notifications import notify
from claims.services.review import send_back_pending
from claims.workflow import VERDICTS

SHIFTED, MOVED, VANISHED = "shifted", "moved", "vanished"


@dataclass(frozen=True)
class EditOutcome:
    changed: bool
    kept: int = 0
    shifted: int = 0
    moved: int = 0
    vanished: int = 0
    replaced: int = 0
    added: int = 0
    sent_back: int = 0


def article_edit_validate(*, article: Article, title: str, body: str) -> None:
    """ValidationError (by field) when the new title and body cannot be stored: the limits of
    ingest, or the text of another stored article."""
    try:
        validate(ArticleInput(title=title, body=body), max_body_bytes=settings.TALLY_MAX_BODY_BYTES)
    except IngestError as error:
        raise ValidationError({error.field or "body": error.message}) from None
    duplicate = (Article.objects.filter(content_hash=content_hash(title, body)).exclude(pk=article.pk)
                 .values_list("pk", flat=True).first())
    if duplicate is not None:
        raise ValidationError({"body": _("Article %(id)s already has this title and body.") % {"id": duplicate}})


def _worked_on(article_id: int) -> list[Claim]:
    """The article's claims with review work on them, locked."""
    taken_up = Conflict.objects.filter(Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk"))).exclude(
        status=Conflict.Status.OPEN)
    worked = (~Q(review_status=ClaimStatus.UNREVIEWED) | Q(Exists(Review.objects.filter(claim=OuterRef("pk"))))
              | Q(Exists(Comment.objects.filter(claim=OuterRef("pk")))) | Q(Exists(taken_up)))
    return list(Claim.objects.select_for_update().filter(worked, article_id=article_id).order_by("start", "id"))


def _sentence_offset(text: str, claim: Claim) -> int | None:
    """Where the claim's quote starts inside its sentence, read in the text it was extracted from."""
    if not claim.in_text or not claim.sentence:
        return None
    begin = text.rfind(claim.sentence, max(0, claim.end - len(claim.sentence)), claim.start + len(claim.sentence))
    if begin < 0 or not begin <= claim.start <= begin + len(claim.sentence):
        return None
    return claim.start - begin


def _expected(position: int, old: str, new: str, prefix: int, suffix: int) -> int:
    """Where a position of the old text lies in the new one: the same in the common beginning,
    shifted by the length change in the common end, in proportion in between."""
    if position <= prefix:
        return position
    if position >= len(old) - suffix:
        return position + len(new) - len(old)
    old_middle, new_middle = len(old) - suffix - prefix, len(new) - suffix - prefix
    return prefix + round((position - prefix) * new_middle / max(1, old_middle))


def _occurrences(text: str, quote: str) -> list[int]:
    """Every offset where `quote` starts in `text`, overlapping ones included."""
    return [match.start() for match in re.finditer(f"(?={re.escape(quote)})", text)]


def reanchor(claim: Claim, old: str, new: str, prefix: int, suffix: int) -> tuple[str, int | None]:
    """(what happened, the quote's new start or None): `shifted` when the quote is found in its
    unchanged sentence, `moved` when only the quote is found, `vanished` when it is not."""
    places = _occurrences(new, claim.quote) if claim.quote else []
    if not places:
        return VANISHED, None
    expected = _expected(claim.start, old, new, prefix, suffix) if claim.in_text else 0
    offset = _sentence_offset(old, claim)
    if offset is None and claim.sentence and not claim.in_text:
        at = claim.sentence.find(claim.quote)
        offset = at if at >= 0 else None
    if offset is not None:
        in_sentence = [p for p in places if new[p - offset:p - offset + len(claim.sentence)] == claim.sentence]
        if in_sentence:
            return SHIFTED, min(in_sentence, key=lambda p: abs(p - expected))
    return MOVED, min(places, key=lambda p: abs(p - expected))


def _common_ends(old: str, new: str) -> tuple[int, int]:
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def article_edit(*, article_id: int, actor: Any, title: str | None = None, body: str | None = None) -> EditOutcome:
    """Store a new title and/or body of an article and read its claims again (module docstring).
    Refused (ValidationError, nothing changed) for a title or body ingest would refuse, or the
    text of another article; PermissionDenied to someone who may not change articles."""
    if actor is not None and not actor.has_perm("articles.change_article"):
        raise PermissionDenied(_("Only an editor or an admin can edit an article."))
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            raise ValidationError(_("Article %(id)s does not exist.") % {"id": article_id})
        new_title = article.title if title is None else title
        new_body = article.body if body is None else body
        if (new_title, new_body) == (article.title, article.body):
            return EditOutcome(changed=False)
        article_edit_validate(article=article, title=new_title, body=new_body)
        old_text, fields = article.text, [name for name, before, after in (
            ("title", article.title, new_title), ("body", article.body, new_body)) if before != after]
        article.title, article.body = new_title, new_body
        new_text = article.text
        version, found, warning = _claims_from_extraction(article)
        outcome = _reconcile(article, actor, old_text, new_text, found, version)
        article.content_hash = content_hash(new_title, new_body)
        article.wire_agencies = wire_agencies_in(new_text)
        article.status, article.last_error, article.processing_attempts = Article.Status.EXTRACTED, "", 0
        article.extractor_version = version
        article.warning = warning
        article.save(update_fields=["title", "body", "content_hash", "wire_agencies", "status", "last_error",
                                    "processing_attempts", "extractor_version", "warning", "updated_at"])
        event_record(actor=actor, obj=article, action="edit", note=_edit_note(outcome), data={
            "fields": fields, **{key: value for key, value in dataclasses.asdict(outcome).items() if key != "changed"},
        })
        transaction.on_commit(lambda: enqueue_detection(article_id))
        return outcome


def _edit_note(outcome: EditOutcome) -> str:
    return _("Text edited: %(kept)s reviewed claim(s) kept (%(shifted)s in place, %(moved)s in a changed sentence, "
             "%(vanished)s no longer in the text; %(sent_back)s verdict(s) sent back), %(replaced)s other claim(s) "
             "replaced by %(added)s read in the new text.") % dataclasses.asdict(outcome)


def _reconcile(article: Article, actor: Any, old: str, new: str, found: list, version: str) -> EditOutcome:
    """Keep and re-anchor the claims worked on, replace the others with `found` (the engine's
    claims of the new text). Call inside the edit's transaction."""
    kept = _worked_on(article.pk)
    replaced = Claim.objects.filter(article=article).exclude(pk__in=[c.pk for c in kept]).delete()[1].get(
        "claims.Claim", 0)
    prefix, suffix = _common_ends(old, new)
    fates = {claim.pk: reanchor(claim, old, new, prefix, suffix) for claim in kept}
    # Out of the way first (past the end of both texts), so that two kept claims trading places
    # never meet on one span; then each to its place.
    parked = len(old) + len(new) + 2
    for claim in kept:
        Claim.objects.filter(pk=claim.pk).update(start=parked, end=parked + max(1, len(claim.quote)))
        parked += max(1, len(claim.quote)) + 1
    beyond = len(new) + 1
    taken: set[tuple[int, int]] = set()
    counts = {SHIFTED: 0, MOVED: 0, VANISHED: 0}
    by_span = {(item.start, item.end): item for item in found}
    sent_back = 0
    for claim in kept:
        fate, start = fates[claim.pk]
        before = [claim.start, claim.end] if claim.in_text else None
        if start is None:
            claim.start, claim.end, claim.in_text = beyond, beyond + max(1, len(claim.quote)), False
            beyond = claim.end + 1
        else:
            claim.start, claim.end, claim.in_text = start, start + len(claim.quote), True
            taken.add((claim.start, claim.end))
            match = by_span.get((claim.start, claim.end))
            if match is not None:
                claim.sentence = match.sentence
        counts[fate] += 1
        claim.save(update_fields=["start", "end", "in_text", "sentence", "updated_at"])
        note = {
            SHIFTED: _("The article was edited: the quote is in its sentence as before, at a new place."),
            MOVED: _("The article was edited: the quote is now in a changed sentence; the claim needs a re-check."),
            VANISHED: _("The article was edited: the quote is no longer in its text; the claim needs a re-check."),
        }[fate]
        event_record(actor=actor, obj=claim, action=f"quote_{fate}", from_state=claim.review_status,
                     to_state=claim.review_status, note=note,
                     data={"from": before, "to": [claim.start, claim.end] if claim.in_text else None})
        if fate != SHIFTED:
            sent_back += _recheck(claim, actor=actor, note=note)
    items = [item for item in found if (item.start, item.end) not in taken]
    index = {id(item): number for number, item in enumerate(items)}
    position = {number: id(item) for number, item in enumerate(found)}
    items = [dataclasses.replace(item, part_of=index.get(position.get(item.part_of, -1)))
             if item.part_of is not None else item for item in items]
    added = _store_claims([(article, version, items)]) if items else []
    return EditOutcome(changed=True, kept=len(kept), shifted=counts[SHIFTED], moved=counts[MOVED],
                       vanished=counts[VANISHED], replaced=replaced, added=len(added), sent_back=sent_back)


def _recheck(claim: Claim, *, actor: Any, note: str) -> int:
    """A kept claim whose words changed: a verdict waiting for an editor goes back (its reviewer is
    told); the reviewers of a published verdict are told it judged words the article no longer
    has; whoever holds one of its conflicts is told. How many verdicts went back."""
    if claim.review_status in VERDICTS:
        waiting = Review.objects.filter(claim=claim, status=Review.Status.SUBMITTED).count()
        send_back_pending(claim, actor=actor, note=note)
        return waiting
    people = []
    if claim.review_status == ClaimStatus.PUBLISHED:
        people += [review.reviewer for review in Review.objects.filter(claim=claim, status=Review.Status.PUBLISHED)
                   .select_related("reviewer")]
    people += [conflict.assignee for conflict in Conflict.objects.filter(
        Q(claim_a=claim) | Q(claim_b=claim), status=Conflict.Status.IN_REVIEW).select_related("assignee")]
    notify(recipients=people, kind=Notification.Kind.TEXT_CHANGED, obj=claim, actor=actor,
           template=N_("Claim %(id)s: %(note)s"), params={"id": claim.pk, "note": note})
    return 0
