"""Labels that tell the truth: every code the project stores has a label for readers, badges say
what is true of a claim or verdict, and no page of the desk shows an internal name."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Source
from claims import labels
from claims.models import ClaimStatus, Conflict, Qualifier, Review
from claims.services.comments import comment_create
from claims.services.publication import review_correct_published, review_retract
from claims.services.review import (
    claim_correct,
    claim_review_submit,
    conflict_assign,
    conflict_resolve,
    conflict_take_next,
    review_approve,
    review_reject,
)
from tests.conftest import REPO_ROOT
from tests.ui.conftest import conflict_between, toll

RUNTIME = ("claims", "users", "articles", "core")


def test_every_metric_of_the_vocabulary_has_a_label():
    vocabulary = tomllib.loads((REPO_ROOT / "claims/extraction/vocabulary.toml").read_text())
    assert sorted(vocabulary["metrics"]) == sorted(labels.METRICS)


def test_every_action_the_audit_trail_records_has_a_label():
    """An Event's action is named in the code that records it (action="..."): each has a label."""
    written = set()
    for package in RUNTIME:
        for path in (REPO_ROOT / package).rglob("*.py"):
            if "extraction" not in path.parts:
                written |= {code for line in path.read_text().splitlines() if "add_argument" not in line
                            for code in re.findall(r"\baction=\"([a-z_]+)\"", line)}
    assert written and written <= set(labels.ACTIONS), sorted(written - set(labels.ACTIONS))


@pytest.mark.parametrize("table,choices", [
    (labels.CLAIM_STATUSES, ClaimStatus), (labels.CONFLICT_STATUSES, Conflict.Status),
    (labels.CONFLICT_KINDS, Conflict.Kind), (labels.RESOLUTIONS, Conflict.Resolution),
    (labels.RATINGS, Review.Rating), (labels.REVIEW_STATUSES, Review.Status), (labels.QUALIFIERS, Qualifier),
    (labels.SOURCE_KINDS, Source.Kind),
])
def test_every_stored_code_has_a_label(table, choices):  # type: ignore[no-untyped-def]
    assert set(choices.values) == set(table)


def test_badges_say_what_is_true():
    assert labels.claim_badge("published", "inaccurate").text == "Published: Inaccurate"
    assert labels.claim_badge("verified", "accurate").text == "Verdict proposed: Accurate"
    assert labels.claim_badge("false", "inaccurate").text == "Verdict proposed: Inaccurate"
    assert labels.claim_badge("in_review", None, sent_back=True).text == "Sent back"
    assert labels.claim_badge("unreviewed").text == "Not reviewed"
    assert labels.review_badge("rejected", "accurate").text == "Sent back"
    assert labels.review_badge("submitted", "misleading").text == "Verdict proposed: Misleading"
    with translation.override("fr"):
        assert labels.claim_badge("published", "inaccurate").text == "Publié : Inexact"
        assert labels.metric("deaths_children") == "Enfants tués"
        assert labels.language("de") == "Allemand"
    assert labels.language("fr", "de") == "Französisch"
    assert labels.metric("aid_drops") == "Aid drops"  # a metric nobody labelled yet: words, not a code


class _Visible(HTMLParser):
    """The text a reader sees, plus the values of form fields and the titles and labels shown."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in ("script", "style"):
            self._skip += 1
        named = dict(attrs)
        for attribute in ("title", "aria-label", "placeholder"):
            if named.get(attribute):
                self.parts.append(named[attribute])
        if tag == "input" and named.get("type") not in ("hidden", "radio", "checkbox") and named.get("value"):
            self.parts.append(named["value"])

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|claims\.[a-z]+|\b\d+\.\d*0000\b|\bgap \d|\b(?:en|fr|es|de|ar|ru)\b")


@pytest.mark.django_db
def test_no_page_of_the_desk_shows_an_internal_name(client, rita, rob, edna):  # type: ignore[no-untyped-def]
    # given: a conflict resolved with verdicts, one published as inaccurate, one sent back, a
    # corrected claim, and a claim of a children's toll (metric deaths_children)
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    conflict_resolve(conflict_id=conflict.pk, reviewer=rita, resolution="claim_b_holds",
                     verdicts=[], note="The later toll holds.")
    review_approve(review_id=claim_review_submit(claim_id=conflict.claim_a_id, reviewer=rita, rating="inaccurate",
                                                 rationale="Superseded.").pk, editor=edna)
    review_reject(review_id=claim_review_submit(claim_id=conflict.claim_b_id, reviewer=rita, rating="accurate",
                                                rationale="Matches.").pk, editor=edna, note="Cite the ministry.")
    children = toll("57", metric="deaths_children", lower=Decimal("57.0000"), upper=None)
    claim_correct(claim_id=children.pk, reviewer=rob, changes={"qualifier": "at_least"}, note="At least.")
    client.force_login(edna)
    pages = [reverse("desk:queue") + "?status=", reverse("desk:conflict", args=[conflict.pk]),
             reverse("desk:claim", args=[conflict.claim_a_id]), reverse("desk:claim", args=[conflict.claim_b_id]),
             reverse("desk:claim", args=[children.pk]), reverse("desk:approvals"), reverse("desk:published"),
             reverse("desk:audit")]
    for url in pages:
        # when: an editor reads each page
        text = visible(client.get(url).text)
        # then: no code, state machine name, object type, bare language code or column-padded number
        assert INTERNAL.findall(text) == [], url
    claim_page = visible(client.get(reverse("desk:claim", args=[conflict.claim_a_id])).text)
    assert "Published: Inaccurate" in claim_page
    assert "Sent back" in visible(client.get(reverse("desk:claim", args=[conflict.claim_b_id])).text)
    children_page = visible(client.get(reverse("desk:claim", args=[children.pk])).text)
    assert "Children killed" in children_page and "57" in children_page
    assert "started the review" in visible(client.get(reverse("desk:audit")).text)


@pytest.mark.django_db
def test_no_page_added_for_browsing_publishing_and_the_flow_of_work_shows_an_internal_name(  # type: ignore[no-untyped-def]
        client, rita, rob, edna):
    # given: a verdict published, corrected, then another retracted; a verdict sent back; an
    # assignment and a comment (notifications); the assigned conflict is held by its reviewer
    conflict = conflict_between("47", "62")
    published = claim_review_submit(claim_id=conflict.claim_a_id, reviewer=rita, rating="inaccurate",
                                    rationale="Superseded.")
    review_approve(review_id=published.pk, editor=edna)
    review_correct_published(review_id=published.pk, editor=edna, note="The later figure is higher.",
                             changes={"rating": "misleading", "supported_lower": Decimal("60"),
                                      "supported_upper": Decimal("64")})
    retracted = claim_review_submit(claim_id=conflict.claim_b_id, reviewer=rita, rating="accurate", rationale="Matches.")
    review_approve(review_id=retracted.pk, editor=edna)
    review_retract(review_id=retracted.pk, editor=edna, note="The ministry withdrew its figure.")
    review_reject(review_id=claim_review_submit(claim_id=conflict.claim_b_id, reviewer=rob, rating="accurate",
                                                rationale="Still holds.").pk, editor=edna, note="Cite it.")
    children = toll("57", metric="deaths_children", lower=Decimal("57.0000"), upper=None)
    claim_correct(claim_id=children.pk, reviewer=rita, changes={"qualifier": "at_least"}, note="At least.")
    other = conflict_between("300", "410", day="2024-04-02")
    conflict_assign(conflict_id=other.pk, assignee=rob, actor=edna, note="Yours.")
    comment_create(conflict_id=other.pk, author=edna, body="Check the second outlet.")
    pages = {
        rob: [reverse("desk:notifications"), reverse("desk:queue"), reverse("desk:take_next_prompt"),
              reverse("desk:conflict", args=[other.pk])],
        edna: [reverse("desk:claims"), reverse("desk:claims") + "?status=proposed", reverse("desk:articles"),
               reverse("desk:accuracy"), reverse("desk:verdict", args=[published.pk]),
               reverse("desk:verdict", args=[retracted.pk]), reverse("desk:claim_in_context", args=[children.pk]),
               reverse("desk:audit"), reverse("desk:published")],
        None: [reverse("desk:verdict", args=[published.pk])],
    }
    for user, urls in pages.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            # when: each page is read
            response = client.get(url)
            assert response.status_code == 200, url
            # then: no code, state machine name, object type or bare language code
            assert INTERNAL.findall(visible(response.text)) == [], url
    client.force_login(edna)
    verdict_page = visible(client.get(reverse("desk:verdict", args=[published.pk])).text)
    assert "rating Inaccurate → Misleading" in verdict_page and "supported from ∅ → 60" in verdict_page
    assert "Retracted" in visible(client.get(reverse("desk:verdict", args=[retracted.pk])).text)
    audit = visible(client.get(reverse("desk:audit")).text)
    assert "retracted the verdict" in audit and "corrected the published verdict" in audit
    client.force_login(rob)
    notifications = visible(client.get(reverse("desk:notifications")).text)
    assert "Conflict assigned to you" in notifications and "New comment" in notifications
    assert "Verdict sent back" in notifications
