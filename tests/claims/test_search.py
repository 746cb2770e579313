"""Browsing and full-text search of claims and articles (claims.search, claims.selectors): each
language stemmed by its own configuration on PostgreSQL, through the GIN indexes; whole words on
the embedded SQLite default; every filter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from articles.models import Article
from claims import selectors
from claims.search import uses_full_text
from tests.articles.factories import ArticleFactory, SourceFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="PostgreSQL's text search (the SQLite default reads whole words)")


def claim(sentence: str, language: str = "en", **extra) -> object:  # type: ignore[no-untyped-def]
    article = ArticleFactory(title="Report", body=sentence, language=language,
                             published=extra.pop("published", date(2024, 3, 8)))
    anchor = extra.pop("anchor")
    start = len(article.title) + 2 + sentence.index(anchor)
    return ClaimFactory(article=article, start=start, end=start + len(anchor), sentence=sentence, language=language,
                        **extra)


def ids(queryset) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(row.id for row in queryset)


def test_a_search_finds_the_claims_whose_sentence_holds_every_word():
    # given
    flood = claim("Officials counted 41 dead after the river flooded Tarnovel.", anchor="41")
    quake = claim("The quake left 300 families homeless in Kolvana.", anchor="300")
    # when / then
    assert ids(selectors.claim_browse(query="flooded Tarnovel")) == [flood.id]
    assert ids(selectors.claim_browse(query="homeless")) == [quake.id]
    assert ids(selectors.claim_browse(query="homeless Tarnovel")) == []
    assert ids(selectors.claim_browse(query="   ")) == sorted([flood.id, quake.id])


@postgres_only
def test_each_language_is_searched_with_its_own_stemming():
    """One query, parsed with each language's configuration against that language's rows: an
    inflected form finds the others of its stem, in every language at once."""
    # given
    english = claim("Rescuers said 12 people were killed by the landslide near Darvesk.", anchor="12")
    french = claim("Selon la mairie, 8 personnes ont été tuées lors de l'incendie de Valmora.", "fr", anchor="8")
    spanish = claim("Las autoridades informaron de 25 heridos en el accidente de Kolvana.", "es", anchor="25")
    german = claim("Nach Angaben der Polizei wurden 30 Menschen in Tarnovel verletzt.", "de", anchor="30")
    russian = claim("По данным спасателей, 17 человек погибли в Дарвеске.", "ru", anchor="17")
    # when / then: other forms of the words than those written
    assert ids(selectors.claim_browse(query="killing")) == [english.id]
    assert ids(selectors.claim_browse(query="tuée")) == [french.id]
    assert ids(selectors.claim_browse(query="herido")) == [spanish.id]
    assert ids(selectors.claim_browse(query="Polizei verletzte")) == [german.id]
    assert ids(selectors.claim_browse(query="человека")) == [russian.id]
    # and a web-search query: a phrase, and a word excluded
    assert ids(selectors.claim_browse(query='"the landslide" -flood')) == [english.id]
    assert ids(selectors.claim_browse(query="landslide -Darvesk")) == []


@postgres_only
def test_a_claim_in_another_language_is_found_by_its_words_as_written():
    other = claim("Zyrtarët thanë se 14 persona humbën jetën në Valmora.", "sq", anchor="14")
    unknown = claim("Report: 9 missing near Kolvana.", "", anchor="9")
    assert ids(selectors.claim_browse(query="zyrtarët")) == [other.id]
    assert ids(selectors.claim_browse(query="missing Kolvana")) == [unknown.id]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite default's search")
def test_without_postgresql_a_search_reads_whole_words_case_insensitively():
    found = claim("Officials counted 41 dead after the river flooded Tarnovel.", anchor="41")
    assert not uses_full_text()
    assert ids(selectors.claim_browse(query="TARNOVEL dead")) == [found.id]
    assert ids(selectors.claim_browse(query='"river flooded"')) == [found.id]


def test_every_filter_narrows_the_claims():
    # given
    bulletin = SourceFactory(name="Valmora Bulletin")
    first = claim("At least 41 people died in the floods in Tarnovel.", anchor="41", metric="deaths",
                  subject="iso:TR", published=date(2024, 3, 8))
    ClaimFactory._meta.model.objects.filter(id=first.id).update(review_status="verified")
    second = claim("Some 300 people were injured in Ankara.", anchor="300", metric="injured", subject="iso:TR-06",
                   subject_path=["iso:TR-06", "iso:TR"], published=date(2024, 4, 2))
    Article.objects.filter(id=second.article_id).update(source=bulletin)
    third = claim("Des inondations ont fait 12 morts à Valmora.", "fr", anchor="12", metric="deaths",
                  subject="valmora", published=date(2024, 5, 1))
    # when / then
    assert ids(selectors.claim_browse(language="fr")) == [third.id]
    assert ids(selectors.claim_browse(metric="injured")) == [second.id]
    # a place is itself and every place inside it
    assert ids(selectors.claim_browse(place="iso:TR")) == [first.id, second.id]
    assert ids(selectors.claim_browse(place="iso:TR-06")) == [second.id]
    assert ids(selectors.claim_browse(source=bulletin.id)) == [second.id]
    assert ids(selectors.claim_browse(date_from=date(2024, 4, 1), date_to=date(2024, 4, 30))) == [second.id]
    assert ids(selectors.claim_browse(date_from=date(2024, 4, 3))) == [third.id]
    assert ids(selectors.claim_browse(status="verified")) == [first.id]
    assert ids(selectors.claim_browse(article=third.article_id)) == [third.id]
    assert [c.id for c in selectors.claim_browse()] == [third.id, second.id, first.id]


def test_articles_are_filtered_by_their_own_fields_and_by_their_claims():
    # given
    bulletin = SourceFactory(name="Valmora Bulletin")
    flood = ArticleFactory(title="Floods in Tarnovel", body="The river rose overnight.", language="en",
                           source=bulletin, published=date(2024, 3, 8))
    quake = ArticleFactory(title="Séisme à Kolvana", body="La terre a tremblé pendant la nuit.", language="fr",
                           published=date(2024, 6, 1))
    ClaimFactory(article=quake, start=0, end=6, metric="injured", subject="iso:TR", subject_path=["iso:TR"])
    # when / then
    assert ids(selectors.article_browse(query="river overnight")) == [flood.id]
    assert ids(selectors.article_browse(query="Kolvana")) == [quake.id]
    assert ids(selectors.article_browse(language="en")) == [flood.id]
    assert ids(selectors.article_browse(source=bulletin.id)) == [flood.id]
    assert ids(selectors.article_browse(date_from=date(2024, 5, 1))) == [quake.id]
    assert ids(selectors.article_browse(metric="injured", place="iso:TR")) == [quake.id]
    assert ids(selectors.article_browse(metric="deaths")) == []


@postgres_only
def test_a_french_article_is_found_by_another_form_of_a_word_of_its_body():
    quake = ArticleFactory(title="Séisme à Kolvana", body="Les maisons effondrées ont été fouillées.", language="fr")
    assert ids(selectors.article_browse(query="effondrée")) == [quake.id]


@postgres_only
def test_a_search_on_a_large_table_reads_the_gin_indexes(django_db_blocker):
    """With thousands of claims and articles in six languages, the plan of a search is a bitmap of
    the per-language GIN indexes, never a scan of the table."""
    # given
    words = {"en": "killed", "fr": "tués", "es": "muertos", "de": "getötet", "ru": "погибли", "ar": "قتلى"}
    articles = Article.objects.bulk_create(
        Article(title=f"Report {n}", body=f"{n} {words[lang]} in Valmora district {n % 97}.", language=lang,
                content_hash=f"hash-{n}")
        for n, lang in ((n, list(words)[n % 6]) for n in range(6000))
    )
    claims = [ClaimFactory.build(article=a, start=0, end=len(str(a.id)), quote="x", sentence=a.body,
                                 language=a.language, value=Decimal(1), lower=Decimal(1), upper=Decimal(1))
              for a in articles]
    ClaimFactory._meta.model.objects.bulk_create(claims)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim; ANALYZE articles_article")
    # when
    claim_plan = selectors.claim_browse(query="Valmora district 42").explain()
    article_plan = selectors.article_browse(query="Valmora district 42").explain()
    # then
    for plan, table in ((claim_plan, "claim"), (article_plan, "article")):
        assert "Seq Scan on claims_claim" not in plan and "Seq Scan on articles_article" not in plan, plan
        for config in ("english", "french", "spanish", "german", "russian", "arabic", "simple"):
            assert f"Bitmap Index Scan on {table}_search_{config}" in plan, plan
