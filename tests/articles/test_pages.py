"""Pages and HTML files: main text by trafilatura, title, date and language from the page's metadata."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.pages import parse_html
from articles.parsing import IngestError
from articles.services import article_ingest_url
from tests.articles.web_content import EMPTY_PAGE, PAGE_DE, PAGE_ES, PAGE_FR
from tests.articles.webserver import LocalWeb


def test_a_french_page_gives_title_date_language_and_main_text_only() -> None:
    item = parse_html(PAGE_FR.encode(), url="https://courrier-sud.example/valmora")
    assert item.title == "Valmora : le bilan des crues s'alourdit"
    assert (item.published, item.published_precision, item.language) == (date(2024, 3, 8), "day", "fr")
    assert item.body.startswith("Au moins 47 personnes ont péri dans les crues")
    assert item.body.count("\n\n") == 2  # three paragraphs
    assert "Mentions légales" not in item.body and "Accueil" not in item.body
    assert item.url == "https://courrier-sud.example/valmora"


def test_a_canonical_on_the_same_host_is_the_url_and_one_elsewhere_is_not() -> None:
    same = parse_html(PAGE_ES.encode(), url="https://diario-norte.example/valmora-inundaciones?ref=home")
    elsewhere = parse_html(PAGE_ES.encode(), url="https://copia.example/noticia/123")
    assert same.url == "https://diario-norte.example/valmora-inundaciones"
    assert elsewhere.url == "https://copia.example/noticia/123"
    assert (same.language, same.published) == ("es", date(2024, 3, 9))


def test_a_page_without_metadata_date_has_none() -> None:
    item = parse_html(PAGE_DE.encode(), url="https://nordkurier.example/hochwasser")
    assert (item.title, item.language, item.published, item.published_precision) == (
        "Hochwasser in Valmora", "de", None, "")


def test_a_page_without_article_text_is_an_error() -> None:
    with pytest.raises(IngestError) as caught:
        parse_html(EMPTY_PAGE.encode(), url="https://login.example/")
    assert caught.value.message == "no article text found in the page"


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_fetch")
def test_article_ingest_url_stores_the_page_once(web: LocalWeb) -> None:
    # given
    url = web.add("/monde/valmora", body=PAGE_FR.encode())
    # when
    article, created = article_ingest_url(url=url + "?utm_source=x")
    again, created_again = article_ingest_url(url=url)
    # then
    assert (created, created_again, again.id) == (True, False, article.id)
    assert article.url == f"https://127.0.0.1:{web.server.server_address[1]}/monde/valmora"
    assert (article.language, article.published, article.source.name) == ("fr", date(2024, 3, 8), "127.0.0.1")
    assert article.origin == url + "?utm_source=x"
    assert Article.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_fetch")
def test_article_ingest_url_names_the_failure(web: LocalWeb) -> None:
    web.add("/loop", redirect="/loop")
    with pytest.raises(IngestError) as caught:
        article_ingest_url(url=web.url("/loop"))
    assert caught.value.message.startswith("too_many_redirects: more than 3 redirects")
    assert Article.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_fetch")
def test_ingest_command_takes_urls_and_html_files(web: LocalWeb, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    # given: a URL, an HTML file on disk and a URL that times out
    url = web.add("/es/valmora", body=PAGE_ES.encode())
    slow = web.add("/slow", delay=2.0, body=PAGE_FR.encode())
    page = tmp_path / "hochwasser.html"
    page.write_text(PAGE_DE, encoding="utf-8")
    # when
    with pytest.raises(CommandError) as caught:
        call_command("ingest", url, str(page), slow, "--source", "Nordkurier")
    # then: the good ones are stored, the slow one reported, exit status 1
    out, err = capsys.readouterr()
    assert caught.value.returncode == 1
    assert "new: 2, duplicate: 0, failed: 1" in out
    assert f"failed: {slow}: timeout: no answer within 0.5 s" in err
    stored = {a.title: (a.language, a.source.name, a.url) for a in Article.objects.select_related("source")}
    assert stored == {
        "Inundaciones en Valmora: decenas de muertos": ("es", "Nordkurier", f"https://127.0.0.1:{web.server.server_address[1]}/es/valmora"),
        "Hochwasser in Valmora": ("de", "Nordkurier", None),
    }
    assert Article.objects.get(title="Hochwasser in Valmora").wire_agencies == ["dpa"]
