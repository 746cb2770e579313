"""A notification speaks its reader's language, whatever the language of the person whose move it
reports: on the desk and in the API the request's, in the e-mail the recipient's (the site's
language: people have none of their own stored). What people wrote (a note, a comment) stays as
written; a notification stored before messages were kept untranslated says its stored text."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from claims.models import Notification
from claims.services.comments import comment_create
from claims.services.review import claim_review_submit, conflict_assign, conflict_take_next, review_approve
from tests.ui.conftest import conflict_between, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():  # type: ignore[no-untyped-def]
    return (make_user("rita", "reviewer", email="rita@example.org"), make_user("rob", "reviewer"),
            make_user("edna", "editor", email="edna@example.org"))


def _german_api(person) -> APIClient:  # type: ignore[no-untyped-def]
    api = APIClient(HTTP_ACCEPT_LANGUAGE="de")
    api.force_authenticate(person)
    return api


def test_an_assignment_made_on_a_french_desk_is_read_in_german_on_the_desk_and_in_the_api(client, team) -> None:
    rita, _, edna = team
    conflict = conflict_between("47", "62")
    # given: the editor works on the desk in French and assigns the conflict with a note of her own
    client.force_login(edna)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.post(reverse("desk:conflict_assign", args=[conflict.pk]),
                {"assignee": rita.pk, "note": "Vois le relevé de Tarnwick."})
    notice = Notification.objects.get(recipient=rita)
    # then: the reviewer, who reads the desk in German, reads it in German, the note as written
    client.logout()
    client.force_login(rita)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "de"
    german = f"edna hat Ihnen Konflikt {conflict.pk} zugewiesen: Vois le relevé de Tarnwick."
    for page in ("desk:notifications", "desk:queue"):
        html = client.get(reverse(page)).content.decode()
        assert german in html and "vous a attribué" not in html
    (listed,) = _german_api(rita).get("/api/v1/notifications/").json()["results"]
    assert (listed["message"], listed["kind_display"]) == (german, "Ihnen zugewiesener Konflikt")
    # and the same notification reads in English for an English request; the admin's text is English
    english = APIClient()
    english.force_authenticate(rita)
    assert english.get("/api/v1/notifications/").json()["results"][0]["message"] == (
        f"edna assigned conflict {conflict.pk} to you: Vois le relevé de Tarnwick.")
    assert notice.message == f"edna assigned conflict {conflict.pk} to you: Vois le relevé de Tarnwick."


def test_a_comment_and_a_settling_verdict_written_in_french_read_in_german_parts_and_all(team) -> None:
    rita, rob, edna = team
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    # given: the editor, in French, comments on the conflict rita holds, then publishes a verdict
    # on one of its claims, which settles nothing while rita holds it but tells her
    with translation.override("fr"):
        comment_create(author=edna, conflict_id=conflict.pk, body="Le chiffre de Kestrel date de mardi.")
        review = claim_review_submit(claim_id=conflict.claim_a_id, reviewer=rob, rating="accurate",
                                     rationale="Registre du port.")
        review_approve(review_id=review.id, editor=edna)
    listed = _german_api(rita).get("/api/v1/notifications/").json()["results"]
    # then
    assert {n["kind"]: n["message"] for n in listed} == {
        "comment": f"edna hat Konflikt {conflict.pk} kommentiert: Le chiffre de Kestrel date de mardi.",
        "settled": f"Konflikt {conflict.pk}, den Sie bearbeiten: Aussage A (Aussage {conflict.claim_a_id}) "
                   f"wurde als „Zutreffend“ veröffentlicht.",
    }


def test_the_email_goes_in_the_recipients_language_not_the_senders(
        team, settings, mailoutbox, django_capture_on_commit_callbacks) -> None:
    rita, _, edna = team
    settings.LANGUAGE_CODE = "de"
    conflict = conflict_between("47", "62")
    # given: a French-speaking editor's move, its e-mail sent while her language is active
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        conflict_assign(conflict_id=conflict.pk, assignee=rita, actor=edna)
    # then: it goes in the recipient's language
    (mail,) = mailoutbox
    assert mail.subject == "[Tally] Ihnen zugewiesener Konflikt"
    assert mail.body.startswith(f"edna hat Ihnen Konflikt {conflict.pk} zugewiesen.\n\n")


@pytest.mark.django_db(transaction=True)
def test_a_notification_stored_before_keeps_its_text_for_every_reader(roles) -> None:
    executor = MigrationExecutor(connection)
    (mine,) = [key for key in executor.loader.disk_migrations
               if key[0] == "claims" and key[1].endswith("_notification_template")]
    (before,) = [node.key for node in executor.loader.graph.node_map[mine].parents if node.key[0] == "claims"]
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    reader = old.get_model("auth", "User").objects.create(username="rita")
    stored = "edna vous a attribué le conflit 8."
    old.get_model("claims", "Notification").objects.create(
        recipient=reader, kind="assigned", object_type="claims.conflict", object_id=8, message=stored)
    # when
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # then
    from django.contrib.auth.models import Group, User

    notice = Notification.objects.get()
    assert (notice.template, notice.params, notice.message) == ("", {}, stored)
    person = User.objects.get()
    person.groups.add(Group.objects.get(name="reviewer"))
    listed = _german_api(person).get("/api/v1/notifications/").json()["results"]
    assert [n["message"] for n in listed] == [stored]
