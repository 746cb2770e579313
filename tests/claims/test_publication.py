"""Published verdicts: the public page with its ClaimReview, the number-level explanation, an
editor's correction and retraction with their history, and the public CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from claims.models import Claim, Event, Review
from claims.publication import number_explanation, range_words
from claims.services.publication import review_correct_published, review_retract
from claims.services.review import VerdictInput, claim_review_submit, conflict_resolve, conflict_take_next, review_approve
from tests.ui.conftest import conflict_between, make_user, toll

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def people():  # type: ignore[no-untyped-def]
    return make_user("rita", "reviewer"), make_user("edna", "editor")


def published(people, value: str = "25000", rating: str = "inaccurate", **extra) -> Review:  # type: ignore[no-untyped-def]
    rita, edna = people
    claim = toll(value, **extra)
    review = claim_review_submit(claim_id=claim.pk, reviewer=rita, rating=rating, rationale="The bulletin says less.")
    return review_approve(review_id=review.pk, editor=edna)


def jsonld(response) -> dict:  # type: ignore[no-untyped-def, type-arg]
    (found,) = JSONLD.findall(response.content.decode())
    return json.loads(found)


def test_a_conflict_resolved_for_one_claim_explains_the_other_verdict_by_the_supported_range(people):
    # given: two tolls of one day; the reviewer holds the first and rates the second inaccurate
    rita, edna = people
    conflict = conflict_between("20000", "25000", day="2023-12-20")
    Claim.objects.filter(id=conflict.claim_a_id).update(qualifier="approx", lower=Decimal(19600), upper=Decimal(20400))
    conflict_take_next(reviewer=rita)
    # when
    conflict_resolve(conflict_id=conflict.pk, reviewer=rita, resolution="claim_a_holds", verdicts=[
        VerdictInput(claim_id=conflict.claim_b_id, rating="inaccurate", rationale="The ministry's count is lower.")])
    review = Review.objects.get(claim_id=conflict.claim_b_id)
    # then
    assert (review.supported_lower, review.supported_upper, review.supported_as_of) == (
        Decimal("19600"), Decimal("20400"), date(2023, 12, 20))
    assert number_explanation(review) == "supported: 19,600 to 20,400 as of 20 December 2023; this report: 25,000"


def test_range_words():
    assert range_words(Decimal(7000), None) == "at least 7,000"
    assert range_words(None, Decimal(40)) == "at most 40"
    assert range_words(Decimal(5), Decimal(5)) == "5"
    assert range_words(None, None) == ""


def test_the_public_page_needs_no_login_and_embeds_the_claimreview_of_that_page(client, people, settings):
    # given: a claim attributed to a ministry, in an article with an address
    settings.TALLY_ORGANISATION_NAME = "Valmora Checks"
    review = published(people, attribution="the health ministry")
    Review.objects.filter(id=review.id).update(supported_lower=Decimal(19600), supported_upper=Decimal(20400),
                                               supported_as_of=date(2023, 12, 20), supported_as_of_precision="day")
    article = review.claim.article
    article.url = "https://news.example/valmora-floods"
    article.title = "</script><script>alert(1)</script> Floods"
    article.save(update_fields=["url", "title"])
    # when
    response = client.get(reverse("desk:verdict", args=[review.pk]))
    # then
    assert response.status_code == 200
    data = jsonld(response)
    url = f"http://testserver/verdicts/{review.pk}/"
    assert (data["@type"], data["url"], data["@id"]) == ("ClaimReview", url, url)
    assert data["itemReviewed"]["author"] == {"@type": "Organization", "name": "the health ministry"}
    assert data["itemReviewed"]["appearance"]["url"] == "https://news.example/valmora-floods"
    assert data["itemReviewed"]["appearance"]["datePublished"] == "2024-03-08"
    assert data["itemReviewed"]["appearance"]["headline"] == article.title
    assert data["reviewRating"]["alternateName"] == "Inaccurate"
    assert data["reviewRating"]["ratingExplanation"] == (
        "supported: 19,600 to 20,400 as of 20 December 2023; this report: 25,000. The bulletin says less.")
    assert data["author"]["name"] == "Valmora Checks"
    # the hostile headline stays inside the JSON, and is text on the page
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_claims_outlet_is_its_author_when_no_one_is_quoted(client, people):
    review = published(people)
    data = jsonld(client.get(reverse("desk:verdict", args=[review.pk])))
    assert data["itemReviewed"]["author"]["name"] == review.claim.article.source.name


def test_a_verdict_not_yet_published_has_no_public_page(client, people):
    rita, _ = people
    claim = toll("47")
    review = claim_review_submit(claim_id=claim.pk, reviewer=rita, rating="accurate", rationale="ok")
    assert client.get(reverse("desk:verdict", args=[review.pk])).status_code == 404
    assert client.get("/verdicts/99999999999999999999/").status_code == 404


def test_an_editor_corrects_a_published_verdict_and_its_page_shows_the_history(client, people):
    # given
    rita, edna = people
    review = published(people)
    # when
    review_correct_published(review_id=review.pk, editor=edna, note="The rating understated the gap.",
                             changes={"rating": "misleading", "rationale": "The bulletin says less."})
    # then
    review.refresh_from_db()
    assert (review.status, review.rating, review.corrected_at is not None) == ("published", "misleading", True)
    response = client.get(reverse("desk:verdict", args=[review.pk]))
    data = jsonld(response)
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert data["dateModified"] == review.corrected_at.date().isoformat()
    page = response.content.decode()
    assert "The rating understated the gap." in page
    assert "rating Inaccurate → Misleading" in page
    assert list(Event.objects.filter(object_type="claims.review", object_id=review.pk).values_list("action", flat=True)
                ) == ["approve", "correct_verdict"]


def test_a_correction_is_refused_without_a_note_without_a_change_and_to_a_reviewer(people):
    rita, edna = people
    review = published(people)
    with pytest.raises(ValidationError):
        review_correct_published(review_id=review.pk, editor=edna, note=" ", changes={"rating": "accurate"})
    with pytest.raises(ValidationError):
        review_correct_published(review_id=review.pk, editor=edna, note="n", changes={"rating": "inaccurate"})
    with pytest.raises(PermissionDenied):
        review_correct_published(review_id=review.pk, editor=rita, note="n", changes={"rating": "accurate"})
    review.refresh_from_db()
    assert (review.rating, review.corrected_at) == ("inaccurate", None)


def test_a_retracted_verdict_keeps_its_page_without_a_claimreview_and_its_claim_returns_to_review(client, people):
    # given
    _, edna = people
    review = published(people)
    # when
    review_retract(review_id=review.pk, editor=edna, note="The source withdrew its report.")
    # then
    review.refresh_from_db()
    assert review.status == "retracted"
    assert Claim.objects.get(pk=review.claim_id).review_status == "in_review"
    response = client.get(reverse("desk:verdict", args=[review.pk]))
    assert response.status_code == 200
    assert JSONLD.findall(response.content.decode()) == []
    assert "The source withdrew its report." in response.content.decode()
    # and it leaves the published list and its API
    assert client.get(f"/api/v1/claims/{review.claim_id}/claimreview/").status_code == 404


def test_the_editor_acts_from_the_page_and_a_reviewer_is_refused(client, people):
    rita, edna = people
    review = published(people)
    client.force_login(rita)
    assert client.post(reverse("desk:verdict_retract", args=[review.pk]), {"note": "x"}).status_code == 403
    client.force_login(edna)
    page = client.get(reverse("desk:verdict", args=[review.pk])).content.decode()
    assert 'id="correct-form"' in page and 'id="retract-form"' in page
    response = client.post(reverse("desk:verdict_correct", args=[review.pk]), {
        "rating": "inaccurate", "rationale": "The bulletin says less.", "note": "Figures added.",
        "supported_lower": "19600", "supported_upper": "20400", "supported_as_of": "2023-12-20"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert number_explanation(review) == "supported: 19,600 to 20,400 as of 20 December 2023; this report: 25,000"
    response = client.post(reverse("desk:verdict_retract", args=[review.pk]), {"note": ""})
    assert response.status_code == 400
    response = client.post(reverse("desk:verdict_retract", args=[review.pk]), {"note": "Withdrawn."}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["The verdict is retracted; its claim is back in review."]


def test_the_published_verdicts_csv_is_open_to_anyone_and_guarded_against_formulas(client, people):
    # given: a verdict on a claim whose sentence starts like a formula
    review = published(people, value="47", body='=HYPERLINK("https://evil.example","47") 47 residents drowned near Valmora.')
    # when
    response = client.get(reverse("desk:verdicts_csv"))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["page"] == f"http://testserver/verdicts/{review.pk}/"
    assert row["rating"] == "Inaccurate"
    assert row["sentence"].startswith("'=HYPERLINK(")
    assert row["quote"] == "47"
