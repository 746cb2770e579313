"""Reviewers' corrections as training data for the engine, and the engine's accuracy on what
reviewers checked.

A claim a reviewer corrected (metric, value, bounds, place, qualifier) or marked not a claim is a
labelled case in the format of the engine's corpus (tools/extraction_corpus.py describes it): the
claim's sentence as the text, and the tracked claims in it as reviewers left them. A claim marked
not a claim is left out of the list, so a case whose only claim it was expects nothing; a claim
corrected to an untracked metric is left out likewise. The sentence's other claims are listed by
anchor and metric only (nothing else checked) unless a reviewer gave them a verdict or a
correction, so that no unchecked reading is taught to the engine. Each case names the engine
version that read the claim wrongly, in its note and in a comment.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Coalesce

from articles.models import DatePrecision
from claims.extraction.compare import vocabulary
from claims.models import Claim, ClaimStatus, Event, Qualifier, Review
from claims.workflow import VERDICTS

REVIEWED_STATUSES = frozenset({*VERDICTS, ClaimStatus.PUBLISHED})


@dataclass
class CorrectionCase:
    id: str
    language: str
    text: str
    published: str | None
    note: str
    engine_version: str
    claims: list[dict[str, str | int]] = field(default_factory=list)


def _decimal(value: Decimal | None) -> str:
    return "none" if value is None else format(value.normalize(), "f")


def _published(claim: Claim) -> str | None:
    article = claim.article
    if article.published is None or article.published_precision == DatePrecision.YEAR:
        return None
    if article.published_precision == DatePrecision.MONTH:
        return article.published.strftime("%Y-%m")
    return article.published.isoformat()


def _sentence_start(text: str, claim: Claim) -> int | None:
    """Where the claim's stored sentence starts in its article's text, when it holds the claim."""
    if not claim.sentence:
        return None
    # The last occurrence that starts at or before the claim (rfind's end bounds the whole match).
    position = text.rfind(claim.sentence, 0, claim.start + len(claim.sentence))
    if position == -1 or position > claim.start or position + len(claim.sentence) < claim.end:
        return None
    return position


def _occurrence(text: str, anchor: str, offset: int) -> int:
    """Which occurrence (1-based, overlapping ones counted) of `anchor` starts at `offset`."""
    count, position = 0, -1
    while True:
        position = text.find(anchor, position + 1)
        if position == -1 or position > offset:
            return max(count, 1)
        count += 1
        if position == offset:
            return count


def _expected(claim: Claim, text: str, offset: int, *, checked: bool) -> dict[str, str | int]:
    expected: dict[str, str | int] = {"anchor": claim.quote, "metric": claim.metric}
    occurrence = _occurrence(text, claim.quote, offset)
    if occurrence > 1:
        expected["occurrence"] = occurrence
    if checked:
        expected["value"] = _decimal(claim.value)
        if claim.qualifier != Qualifier.APPROX:
            expected["lower"], expected["upper"] = _decimal(claim.lower), _decimal(claim.upper)
        expected["qualifier"] = claim.qualifier
        expected["subject"] = claim.subject or "none"
    return expected


def _checked(claim: Claim) -> bool:
    return claim.corrected or claim.review_status in REVIEWED_STATUSES


def correction_cases(*, language: str = "") -> list[CorrectionCase]:
    """One case per claim a reviewer corrected or marked not a claim, oldest correction first."""
    events = Event.objects.filter(object_type="claims.claim", action__in=["correct", "not_a_claim"]).order_by("id")
    first_event: dict[int, Event] = {}
    changes: dict[int, list[str]] = defaultdict(list)
    for event in events.iterator():
        first_event.setdefault(event.object_id, event)
        if event.action == "not_a_claim":
            changes[event.object_id].append("not a claim")
        else:
            before, after = event.data.get("before", {}), event.data.get("after", {})
            changes[event.object_id].extend(f"{name} {before.get(name)} -> {after.get(name)}" for name in after)
    claims = Claim.objects.select_related("article").filter(id__in=list(first_event))
    if language:
        claims = claims.filter(language=language)
    tracked = set(vocabulary().metrics)
    cases = []
    for claim in sorted(claims, key=lambda c: first_event[c.id].id):
        text = claim.article.text
        start = _sentence_start(text, claim)
        if start is None:
            start, case_text, siblings = claim.start, claim.quote, [claim]
        else:
            case_text = claim.sentence
            end = start + len(case_text)
            siblings = list(Claim.objects.filter(article_id=claim.article_id, start__gte=start, end__lte=end)
                            .order_by("start", "end", "id"))
        expected = [
            _expected(sibling, case_text, sibling.start - start, checked=sibling.id == claim.id or _checked(sibling))
            for sibling in siblings
            if sibling.review_status != ClaimStatus.NOT_A_CLAIM and sibling.metric in tracked
        ]
        note = (f"reviewer correction of claim {claim.id}: {'; '.join(changes[claim.id])}; "
                f"engine {claim.extractor_version} read it wrongly (rules {', '.join(claim.rules) or 'none'})")
        cases.append(CorrectionCase(id=f"{claim.language or 'xx'}-review-{claim.id}", language=claim.language,
                                    text=case_text, published=_published(claim), note=note,
                                    engine_version=claim.extractor_version, claims=expected))
    return cases


def _toml_value(value: str | int) -> str:
    # A JSON string is a TOML basic string: the same escapes (\\", \\\\, \\n, \\uXXXX).
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def corpus_toml(language: str, cases: list[CorrectionCase]) -> str:
    """The cases of one language as a corpus file."""
    lines = ["# Reviewers' corrections of the engine, exported by manage.py export_corrections.",
             f"language = {_toml_value(language)}", ""]
    for case in cases:
        lines += [f"# engine {case.engine_version}", "[[case]]", f"id = {_toml_value(case.id)}",
                  f"text = {_toml_value(case.text)}"]
        if case.published:
            lines.append(f"published = {_toml_value(case.published)}")
        lines.append(f"note = {_toml_value(case.note)}")
        for expected in case.claims:
            lines.append("  [[case.claims]]")
            lines += [f"  {key} = {_toml_value(value)}" for key, value in expected.items()]
        lines.append("")
    return "\n".join(lines)


def corpus_files(*, language: str = "") -> dict[str, tuple[str, int]]:
    """{language: (the corpus file's text, how many cases)} of every language with corrections."""
    by_language: dict[str, list[CorrectionCase]] = defaultdict(list)
    for case in correction_cases(language=language):
        by_language[case.language or "xx"].append(case)
    return {lang: (corpus_toml(lang, cases), len(cases)) for lang, cases in sorted(by_language.items())}



@dataclass(frozen=True)
class Accuracy:
    language: str
    metric: str
    reviewed: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.reviewed if self.reviewed else 0.0


def engine_accuracy() -> list[Accuracy]:
    """Per language and metric as the engine read it, of the claims a reviewer checked (gave a
    verdict on, corrected or marked not a claim) how many the engine read right: neither corrected
    nor marked not a claim. A claim whose metric a reviewer corrected counts under the engine's
    metric (its first correction's "before")."""
    first_metric = Subquery(
        Event.objects.filter(object_type="claims.claim", object_id=OuterRef("id"), action="correct",
                             data__before__has_key="metric")
        .order_by("id").values(engine_metric=KeyTextTransform("metric", KeyTransform("before", "data")))[:1]
    )
    reviewed = Claim.objects.filter(
        Q(review_status__in=[*REVIEWED_STATUSES, ClaimStatus.NOT_A_CLAIM]) | Q(corrected=True)
        | Exists(Review.objects.filter(claim_id=OuterRef("id")))
    )
    rows = (reviewed.order_by().annotate(engine_metric=Coalesce(first_metric, F("metric"), output_field=CharField()))
            .values("language", "engine_metric")
            .annotate(reviewed=Count("id"),
                      right=Count("id", filter=Q(corrected=False) & ~Q(review_status=ClaimStatus.NOT_A_CLAIM)))
            .order_by("language", "engine_metric"))
    return [Accuracy(language=row["language"], metric=row["engine_metric"], reviewed=row["reviewed"],
                     right=row["right"]) for row in rows]
