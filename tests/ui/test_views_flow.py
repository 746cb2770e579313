"""The desk's pages for provenance, the take-next prompt, assignment, comments, notifications, and
refused forms sent back by redirect with their errors on top."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Source
from claims.models import Comment, Conflict, Notification
from claims.services.review import conflict_assign, conflict_take_next
from tests.articles.factories import SourceFactory
from tests.ui.conftest import conflict_between, make_user, toll

pytestmark = pytest.mark.django_db


def login(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def test_a_conflict_shows_each_claims_outlet_address_date_and_language_by_name(client, rita) -> None:
    # given: one claim from a named outlet with an address, one from an article with neither name nor address
    conflict = conflict_between("47", "62")
    named = conflict.claim_a.article
    named.source = SourceFactory(name="Valmora Courier", kind=Source.Kind.NEWSPAPER)
    named.url, named.language = "https://courier.example/floods/1", "fr"
    named.save()
    unnamed = conflict.claim_b.article
    unnamed.source, unnamed.url = None, "https://www.lusk-herald.example/a/2"
    unnamed.save()
    # when
    html = login(client, rita).get(reverse("desk:conflict", args=[conflict.pk])).content.decode()
    # then
    assert "Valmora Courier" in html and "Newspaper" in html
    assert 'href="https://courier.example/floods/1"' in html
    assert "French" in html
    assert "lusk-herald.example" in html
    assert named.published.strftime("%-d ") in html
    assert html.count(reverse("desk:claim_in_context", args=[conflict.claim_a_id])) == 1
    assert html.count(reverse("desk:claim_in_context", args=[conflict.claim_b_id])) == 1


def test_an_article_with_no_source_and_no_address_is_named_by_its_title(client, rita) -> None:
    claim = toll("47")
    claim.article.source, claim.article.url, claim.article.title = None, None, "Evening bulletin from Lusk"
    claim.article.save()
    html = login(client, rita).get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert '<strong dir="auto">Evening bulletin from Lusk</strong>' in html


def test_the_whole_article_opens_with_the_claim_marked(client, rita) -> None:
    claim = toll("47", body="Rain fell all week. At least 47 people were killed in Valmora. Roads <b>closed</b>.")
    html = login(client, rita).get(reverse("desk:claim_in_context", args=[claim.pk])).content.decode()
    assert '<mark id="claim-in-context" class="focus" title="This claim">47</mark>' in html
    assert "Rain fell all week." in html and "Roads &lt;b&gt;closed&lt;/b&gt;." in html


def test_take_next_while_holding_asks_first_and_never_holds_two(client, rita) -> None:
    conflict_between("47", "90", subject="valmora")
    conflict_between("47", "49", subject="lusk")
    login(client, rita)
    first = client.post(reverse("desk:take_next"))
    held = Conflict.objects.get(assignee=rita)
    assert first.url == reverse("desk:conflict", args=[held.pk])
    # when: she presses it again
    again = client.post(reverse("desk:take_next"), follow=True)
    # then: she is asked, and still holds one
    assert again.redirect_chain == [(reverse("desk:take_next_prompt"), 302)]
    html = again.content.decode()
    assert f"You are holding conflict {held.pk}" in html
    assert f'href="{reverse("desk:conflict", args=[held.pk])}"' in html
    assert Conflict.objects.filter(assignee=rita).count() == 1
    # when: she releases it and takes the next
    taken = client.post(reverse("desk:take_next"), {"release_held": "1"})
    now = Conflict.objects.get(assignee=rita)
    assert taken.url == reverse("desk:conflict", args=[now.pk]) and now.pk != held.pk
    # holding none, the prompt sends her to the queue
    now.status, now.assignee = "dismissed", None
    now.save()
    assert client.get(reverse("desk:take_next_prompt")).url == reverse("desk:queue")


def test_an_editor_assigns_from_the_conflict_page_and_a_reviewer_cannot(client, rita, rob, edna) -> None:
    conflict = conflict_between("47", "62")
    page = login(client, edna).get(reverse("desk:conflict", args=[conflict.pk])).content.decode()
    assert 'id="assign-form"' in page
    response = client.post(reverse("desk:conflict_assign", args=[conflict.pk]), {"assignee": rita.pk, "note": ""})
    assert response.url == reverse("desk:conflict", args=[conflict.pk])
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("in_review", rita)
    assert Notification.objects.filter(recipient=rita, kind="assigned").count() == 1
    client.logout()
    assert 'id="assign-form"' not in login(client, rob).get(
        reverse("desk:conflict", args=[conflict.pk])).content.decode()
    assert client.post(reverse("desk:conflict_assign", args=[conflict.pk]), {"assignee": rob.pk}).status_code == 403


def test_comments_are_added_shown_and_notified_and_an_empty_one_comes_back_with_its_error(client, rita, edna) -> None:
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    login(client, edna)
    url = reverse("desk:conflict_comment", args=[conflict.pk])
    added = client.post(url, {"body": "The second outlet revised its figure <later>."})
    assert added.url == reverse("desk:conflict", args=[conflict.pk]) + "#comments"
    page = client.get(reverse("desk:conflict", args=[conflict.pk])).content.decode()
    assert "The second outlet revised its figure &lt;later&gt;." in page
    assert Notification.objects.get(recipient=rita).kind == "comment"
    # an empty comment: sent back to the page, errors on top, nothing stored
    refused = client.post(url, {"body": ""}, follow=True)
    assert refused.redirect_chain == [(reverse("desk:conflict", args=[conflict.pk]), 302)]
    assert 'class="form-errors" id="comment-errors" role="alert" tabindex="-1" data-focus' in refused.content.decode()
    assert Comment.objects.count() == 1
    # claims take comments too
    client.post(reverse("desk:claim_comment", args=[conflict.claim_a_id]), {"body": "Source checked."})
    assert Comment.objects.filter(claim_id=conflict.claim_a_id).count() == 1


def test_a_refused_form_is_shown_once_so_a_reload_never_posts_again(client, rita) -> None:
    claim = toll("47")
    login(client, rita)
    response = client.post(reverse("desk:claim_verdict", args=[claim.pk]), {"rating": "accurate"}, follow=True)
    html = response.content.decode()
    # the errors at the top of the form, focus moved there (desk.js focuses [data-focus])
    assert html.index('id="verdict-errors"') < html.index('name="rationale"')
    assert '<a href="#id_rationale">Rationale</a>: This field is required.' in html
    assert 'value="accurate" required id="id_rating_0" checked' in html or 'checked' in html
    # a reload is a GET of the page: the form is fresh, nothing is posted
    reload = client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert 'id="verdict-errors"' not in reload
    assert claim.reviews.count() == 0


def test_notifications_show_in_the_queue_and_their_list_and_opening_one_marks_it_read(client, rita, edna) -> None:
    conflict = conflict_between("47", "62")
    conflict_assign(conflict_id=conflict.pk, assignee=rita, actor=edna)
    notice = Notification.objects.get(recipient=rita)
    login(client, rita)
    queue = client.get(reverse("desk:queue")).content.decode()
    assert f"edna assigned conflict {conflict.pk} to you." in queue
    assert 'id="nav-notifications"' in queue and '<span class="badge"' in queue
    listing = client.get(reverse("desk:notifications")).content.decode()
    assert f'data-notification="{notice.pk}"' in listing and 'class="unread"' in listing
    opened = client.post(reverse("desk:notifications_read"), {"notification": notice.pk,
                                                              "next": reverse("desk:conflict", args=[conflict.pk])})
    assert opened.url == reverse("desk:conflict", args=[conflict.pk])
    notice.refresh_from_db()
    assert notice.read_at is not None
    # an address elsewhere is not followed
    away = client.post(reverse("desk:notifications_read"), {"next": "https://elsewhere.example/"})
    assert away.url == reverse("desk:notifications")
    assert f"edna assigned conflict {conflict.pk}" not in client.get(reverse("desk:queue")).content.decode()
    # someone else's list is their own
    client.logout()
    other = make_user("rob", "reviewer")
    assert f'data-notification="{notice.pk}"' not in login(client, other).get(
        reverse("desk:notifications")).content.decode()
