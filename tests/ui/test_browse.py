"""The desk's browse pages, CSV exports and accuracy page through Django's test client."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services.review import claim_correct, claim_mark_not_a_claim, claim_review_submit
from tests.articles.factories import ArticleFactory
from tests.ui.conftest import conflict_between, toll

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("name", ["desk:claims", "desk:articles", "desk:claims_export", "desk:conflicts_export",
                                  "desk:accuracy"])
def test_the_browse_pages_are_for_reviewers(client, visitor, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(visitor)
    assert client.get(reverse(name)).status_code == 403


def test_the_claims_page_searches_and_filters(client, rita):
    # given
    found = toll("41", body="Officials counted 41 dead after the river flooded Tarnovel.")
    toll("300", body="The quake left 300 families homeless in Kolvana.")
    client.force_login(rita)
    # when
    response = client.get(reverse("desk:claims"), {"q": "Tarnovel", "metric": "deaths", "language": "en"})
    # then
    assert response.status_code == 200
    assert [c.id for c in response.context["page"].object_list] == [found.id]
    page = response.content.decode()
    assert f'id="claim-{found.id}"' in page
    assert "<mark>41</mark>" in page


def test_a_bad_filter_is_shown_on_the_form_and_lists_nothing(client, rita):
    toll("41")
    client.force_login(rita)
    response = client.get(reverse("desk:claims"), {"date_from": "2024-05-01", "date_to": "2024-04-01",
                                                   "source": "not-a-number"})
    assert response.status_code == 400
    assert response.context["page"] is None
    assert set(response.context["form"].errors) == {"date_to", "source"}


def test_the_claims_are_paginated_newest_first(client, rita):
    made = [toll(str(n), body=f"At least {n} people were killed in the floods in Valmora.") for n in range(60, 115)]
    client.force_login(rita)
    first = client.get(reverse("desk:claims"), {"language": "en"})
    second = client.get(reverse("desk:claims"), {"language": "en", "page": 2})
    assert [c.id for c in first.context["page"].object_list] == [c.id for c in reversed(made)][:50]
    assert [c.id for c in second.context["page"].object_list] == [c.id for c in reversed(made)][50:]
    assert "language=en&amp;page=2" in first.content.decode()


def test_the_articles_page_searches_title_and_body(client, rita):
    found = ArticleFactory(title="Floods in Tarnovel", body="The river rose overnight.")
    ArticleFactory(title="Quake", body="Houses fell in Kolvana.")
    client.force_login(rita)
    response = client.get(reverse("desk:articles"), {"q": "river"})
    assert [a.id for a in response.context["page"].object_list] == [found.id]


def test_the_claims_csv_has_sentence_quote_place_rating_and_rationale_and_no_formula(client, rita):
    # given: a verdict on one claim, and a hostile sentence on another
    rated = toll("41", body="At least 41 people were killed in the floods in Valmora, officials said.")
    claim_review_submit(claim_id=rated.pk, reviewer=rita, rating="accurate", rationale="Matches the bulletin.")
    hostile = toll("7", body="+7 dead -- @SUM(A1) said the bulletin.")
    client.force_login(rita)
    # when
    response = client.get(reverse("desk:claims_export"), {"language": "en"})
    # then
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    by_id = {int(row["id"]): row for row in rows(response)}
    assert set(by_id) == {rated.id, hostile.id}
    row = by_id[rated.id]
    assert (row["sentence"], row["quote"], row["place_id"], row["place"], row["rating"], row["rationale"]) == (
        rated.sentence, "41", "valmora", "valmora", "accurate", "Matches the bulletin.")
    assert by_id[hostile.id]["sentence"] == "'+7 dead -- @SUM(A1) said the bulletin."


def test_the_conflicts_csv_has_both_quotes_and_the_resolution_note(client, rita):
    conflict = conflict_between("41", "55")
    Claim.objects.filter(id=conflict.claim_b_id).update(quote="=55")
    type(conflict).objects.filter(id=conflict.id).update(status="resolved", resolution="claim_a_holds",
                                                         resolution_note="The later bulletin corrects it.")
    client.force_login(rita)
    (row,) = rows(client.get(reverse("desk:conflicts_export"), {"status": "resolved"}))
    assert (row["claim_a_quote"], row["claim_b_quote"], row["resolution"], row["resolution_note"]) == (
        "41", "'=55", "claim_a_holds", "The later bulletin corrects it.")
    assert client.get(reverse("desk:conflicts_export"), {"status": "nonsense"}).status_code == 400


def test_the_accuracy_page_gives_the_share_read_right_per_language_and_metric(client, rita):
    # given: four reviewed English death tolls, one corrected to injured and one not a claim, and an
    # unreviewed one
    right = toll("41")
    claim_review_submit(claim_id=right.pk, reviewer=rita, rating="accurate", rationale="ok")
    also_right = toll("42")
    claim_review_submit(claim_id=also_right.pk, reviewer=rita, rating="inaccurate", rationale="too high")
    wrong_metric = toll("43")
    claim_correct(claim_id=wrong_metric.pk, reviewer=rita, changes={"metric": "injured"})
    not_a_claim = toll("44")
    claim_mark_not_a_claim(claim_id=not_a_claim.pk, reviewer=rita)
    toll("45")
    client.force_login(rita)
    # when
    response = client.get(reverse("desk:accuracy"))
    # then: the corrected claim counts under the metric the engine read
    assert [(r.language, r.metric, r.reviewed, r.right) for r in response.context["rows"]] == [("en", "deaths", 4, 2)]
    assert "50%" in response.content.decode()


def test_a_correction_of_value_counts_as_a_misreading(client, rita):
    claim = toll("41")
    claim_correct(claim_id=claim.pk, reviewer=rita, changes={"value": Decimal(14), "lower": Decimal(14),
                                                            "upper": Decimal(14)})
    client.force_login(rita)
    response = client.get(reverse("desk:accuracy"))
    assert [(r.metric, r.reviewed, r.right) for r in response.context["rows"]] == [("deaths", 1, 0)]
