"""The six languages of the desk: every translatable string of the project's Python and templates
has a translation in each of the five catalogs (a string added later fails here until it has one),
the committed .mo files say what their .po files say, and the reader's language is chosen by their
choice (a cookie), else Accept-Language."""

from __future__ import annotations

import pytest
from babel.messages.mofile import read_mo
from django.urls import reverse

from tests.ui.conftest import PASSWORD, conflict_between
from tools.messages import LANGUAGES, compiled, extract, po_path, problems, read_catalog


@pytest.fixture(scope="module")
def wanted():  # type: ignore[no-untyped-def]
    return extract()


def test_the_project_has_strings_to_translate(wanted):  # type: ignore[no-untyped-def]
    ids = {message.id for message in wanted}
    # From a template, a form, a view and the labels module alike.
    assert {"Take next", "Evidence links", "The queue is empty: no open conflict is waiting.",
            "Children killed"} <= ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_has_a_translation_with_the_same_placeholders(language, wanted):  # type: ignore[no-untyped-def]
    assert problems(language, wanted) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_matches_its_po_file(language):  # type: ignore[no-untyped-def]
    with po_path(language).with_suffix(".mo").open("rb") as handle:
        committed = read_mo(handle)
    expected = read_catalog(language)
    def key(message):  # type: ignore[no-untyped-def]
        ids, strings = message.id, message.string
        context = message.context.decode() if isinstance(message.context, bytes) else message.context
        return (context, tuple(ids) if isinstance(ids, list | tuple) else ids), (
            tuple(strings) if isinstance(strings, list | tuple) else strings)

    shown = dict(key(m) for m in committed if m.id)
    wanted = dict(key(m) for m in expected if m.id and not m.fuzzy)
    assert shown == wanted, "run: python -m tools.messages compile"
    assert compiled(expected)  # the catalog compiles


def _login(client, user):  # type: ignore[no-untyped-def]
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_accept_language_chooses_the_language_and_arabic_runs_right_to_left(client, rita):  # type: ignore[no-untyped-def]
    _login(client, rita)
    french = client.get(reverse("desk:queue"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5").text
    assert '<html lang="fr" dir="ltr">' in french and "File d'attente" in french
    arabic = client.get(reverse("desk:queue"), HTTP_ACCEPT_LANGUAGE="ar").text
    assert '<html lang="ar" dir="rtl">' in arabic and "قائمة الانتظار" in arabic
    english = client.get(reverse("desk:queue"), HTTP_ACCEPT_LANGUAGE="it").text
    assert '<html lang="en" dir="ltr">' in english


@pytest.mark.django_db
def test_the_readers_choice_is_remembered_over_accept_language(client, rita):  # type: ignore[no-untyped-def]
    conflict = conflict_between("47", "62")
    _login(client, rita)
    response = client.post(reverse("set_language"), {"language": "ru", "next": reverse("desk:queue")})
    assert response.status_code == 302 and response.cookies["django_language"].value == "ru"
    page = client.get(reverse("desk:conflict", args=[conflict.pk]), HTTP_ACCEPT_LANGUAGE="de").text
    assert '<html lang="ru" dir="ltr">' in page
    # Metric and status labels are translated too.
    assert "Погибшие" in page and "Открыт" in page and "Счёт" not in page
    assert "Deaths" not in page


@pytest.mark.django_db
def test_numbers_and_dates_are_written_for_the_reader(client, rita):  # type: ignore[no-untyped-def]
    conflict = conflict_between("4700", "6200")
    _login(client, rita)
    german = client.get(reverse("desk:conflict", args=[conflict.pk]), HTTP_ACCEPT_LANGUAGE="de").text
    assert "4.700" in german and "8. März 2024" in german
    french = client.get(reverse("desk:conflict", args=[conflict.pk]), HTTP_ACCEPT_LANGUAGE="fr").text
    assert "4\u202f700" in french and "8 mars 2024" in french
