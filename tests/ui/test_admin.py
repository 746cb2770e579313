"""The admin as an operator's tool: columns, highlighted spans, read-only extraction and audit
trail, and actions that go through the services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import LANGUAGE_UNKNOWN_ERROR, Article
from articles.parsing import ArticleInput
from articles.services import article_ingest
from claims.models import Conflict, Event, Review
from claims.services.review import claim_review_submit, conflict_take_next
from tests.ui.conftest import conflict_between, make_user, toll

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    return client


@pytest.mark.parametrize("model", ["articles/source", "articles/article", "claims/claim", "claims/figure",
                                   "claims/conflict", "claims/review", "claims/event"])
def test_every_model_has_a_working_list_and_search(admin_client, model):
    conflict_between("47", "62")
    response = admin_client.get(f"/admin/{model}/", {"q": "47"})
    assert response.status_code == 200


def test_an_article_shows_its_claims_inline_with_spans_highlighted_and_escaped(admin_client):
    claim = toll("47", body="<b>Bold</b> claim: at least 47 people died.")
    html = admin_client.get(reverse("admin:articles_article_change", args=[claim.article_id])).text
    assert "&lt;b&gt;Bold&lt;/b&gt; claim: at least <mark>47</mark> people died." in html
    assert '<mark title="deaths #' in html
    assert "<b>Bold</b>" not in html


def test_articles_whose_language_is_unknown_are_a_status_of_their_own_with_the_reason(admin_client):
    # given an ingested article with no language to be read, beside another
    unknown, _ = article_ingest(data=ArticleInput(title="2024-05-02", body="12 + 30 = 42."))
    toll("47")
    # when
    listed = admin_client.get(reverse("admin:articles_article_changelist"), {"status__exact": "no_language"}).text
    page = admin_client.get(reverse("admin:articles_article_change", args=[unknown.id])).text
    # then
    assert listed.count("Language unknown") == 2  # the filter's choice, and the article's row
    assert unknown.title in listed
    assert Article.objects.exclude(id=unknown.id).get().title not in listed
    assert LANGUAGE_UNKNOWN_ERROR in page


def test_a_conflict_shows_both_quotes_in_the_list_and_both_sentences_on_its_page(admin_client):
    conflict = conflict_between("47", "62")
    listing = admin_client.get(reverse("admin:claims_conflict_changelist")).text
    assert '<td class="field-quote_a">47</td>' in listing and '<td class="field-quote_b">62</td>' in listing
    page = admin_client.get(reverse("admin:claims_conflict_change", args=[conflict.pk])).text
    assert "At least <mark>47</mark> people" in page and "At least <mark>62</mark> people" in page
    assert f'href="{reverse("desk:conflict", args=[conflict.pk])}"' in page


def test_extracted_fields_are_read_only(admin_client):
    claim = toll("47")
    response = admin_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), {"value": "99",
                                                                                           "metric": "injured"})
    claim.refresh_from_db()
    assert (claim.value, claim.metric) == (47, "deaths")
    assert response.status_code in (200, 302)
    assert admin_client.get(reverse("admin:claims_claim_add")).status_code == 403


def test_the_audit_trail_is_read_only_in_the_admin(admin_client):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=make_user("rita", "reviewer"))
    event = Event.objects.get()
    assert admin_client.get(reverse("admin:claims_event_add")).status_code == 403
    assert admin_client.post(reverse("admin:claims_event_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    admin_client.post(reverse("admin:claims_event_change", args=[event.pk]), {"note": "rewritten"})
    event.refresh_from_db()
    assert (event.note, event.object_id) == ("", conflict.pk)


def test_reassign_asks_for_a_reviewer_then_assigns_through_the_service(admin_client):
    conflict = conflict_between("47", "62")
    rita = make_user("rita", "reviewer")
    url = reverse("admin:claims_conflict_changelist")
    form = admin_client.post(url, {"action": "reassign", ACTION_CHECKBOX_NAME: [conflict.pk]})
    assert form.status_code == 200
    assert "rita" in form.text
    response = admin_client.post(url, {"action": "reassign", ACTION_CHECKBOX_NAME: [conflict.pk], "apply": "1",
                                       "assignee": rita.pk, "note": "French speaker"}, follow=True)
    assert "1 conflict(s) given to rita." in response.text
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("in_review", rita)
    assert list(Event.objects.values_list("action", "note")) == [("assign", "French speaker")]


def test_an_admin_action_reports_each_refusal(admin_client, django_capture_on_commit_callbacks):
    conflict = conflict_between("47", "62")
    response = admin_client.post(reverse("admin:claims_conflict_changelist"),
                                 {"action": "release", ACTION_CHECKBOX_NAME: [conflict.pk]}, follow=True)
    assert f"Refused #{conflict.pk}: A conflict cannot go from &#x27;open&#x27; to &#x27;open&#x27;" in response.text
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_reextract_and_redetect_actions_queue_the_pipeline(admin_client, django_capture_on_commit_callbacks):
    conflict = conflict_between("47", "62")
    article_ids = [conflict.claim_a.article_id, conflict.claim_b.article_id]
    url = reverse("admin:articles_article_changelist")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(url, {"action": "redetect", ACTION_CHECKBOX_NAME: article_ids}, follow=True)
    assert "Conflict detection queued for 2 article(s)." in response.text
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(url, {"action": "reextract", ACTION_CHECKBOX_NAME: article_ids}, follow=True)
    assert "2 article(s) queued for extraction and detection." in response.text
    assert set(Article.objects.filter(id__in=article_ids).values_list("status", flat=True)) == {"pending"}
    assert len(callbacks) == 1


def test_the_approve_action_publishes_through_the_service_and_refuses_self_approval(client):
    editor = make_user("edna", "editor", is_staff=True)
    rita = make_user("rita", "reviewer")
    theirs = claim_review_submit(claim_id=toll("47").pk, reviewer=rita, rating="accurate", rationale="ok")
    own = claim_review_submit(claim_id=toll("62").pk, reviewer=editor, rating="accurate", rationale="ok")
    client.force_login(editor)
    response = client.post(reverse("admin:claims_review_changelist"),
                           {"action": "approve", ACTION_CHECKBOX_NAME: [theirs.pk, own.pk]}, follow=True)
    assert "1 verdict(s) published." in response.text
    assert f"Refused #{own.pk}: A verdict is approved by someone other than its reviewer." in response.text
    assert dict(Review.objects.values_list("id", "status")) == {theirs.pk: "published", own.pk: "submitted"}
    assert Conflict.objects.count() == 0


def test_the_events_list_is_newest_first_with_readable_actions_and_whole_notes(admin_client):
    rita = make_user("rita", "reviewer")
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    long_note = "The ministry's toll replaces the agency's. " * 6
    claim_review_submit(claim_id=conflict.claim_a_id, reviewer=rita, rating="accurate", rationale=long_note)
    html = admin_client.get(reverse("admin:claims_event_changelist")).text
    rows = html.split('<tbody>')[1].split("</tbody>")[0].split("<tr")[1:]
    # then: the verdict (the newest event) comes first, taking the conflict (the oldest) last
    assert "proposed a verdict" in rows[0] and "took it" in rows[-1]
    assert "In review → Verdict proposed" in rows[0] and "in_review" not in html.split("<tbody>")[1]
    assert long_note.strip() in rows[0].replace("&#x27;", "'")
