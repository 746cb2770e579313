"""Independence: outlets and originators, and what conflict severity counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from articles.models import Article
from claims.independence import SourceCounts, figure_source_counts, originator_key
from claims.models import Conflict, Figure
from claims.services.conflicts import article_detect_conflicts
from tests.articles.factories import ArticleFactory, SourceFactory
from tests.claims.factories import ClaimFactory


@pytest.mark.parametrize(
    ("attribution", "key"),
    [
        ("according to the health ministry in Gaza", "o:health-ministry"),
        ("the Hamas-run health ministry", "o:health-ministry"),
        ("le ministère de la Santé du Hamas", "o:health-ministry"),
        ("el Ministerio de Salud", "o:health-ministry"),
        ("das Gesundheitsministerium", "o:health-ministry"),
        ("l'armée israélienne", "o:israeli-military"),
        ("the IDF", "o:israeli-military"),
        ("UN", "o:united-nations"),
        ("les Nations unies", "o:united-nations"),
        ("the UN agency UNRWA", "o:unrwa"),
        ("cité par l'agence turque Anadolu", "w:anadolu"),
        ("Reuters", "w:reuters"),
        ("the regional fire brigade", "o:regional fire brigade"),
        ("un responsable", None),
        ("officials", None),
        ("témoins", None),
        ("", None),
    ],
)
def test_originator_key(attribution: str, key: str | None) -> None:
    assert originator_key(attribution) == key


def _claim(value: str, *, attribution: str = "", article: Article | None = None, day: str = "2024-03-08", **article_fields):
    article = article or ArticleFactory(published=date.fromisoformat(day), status=Article.Status.EXTRACTED, **article_fields)
    number = Decimal(value)
    return ClaimFactory(article=article, value=number, lower=number, upper=number, attribution=attribution,
                        as_of=date.fromisoformat(day))


@pytest.mark.django_db
def test_figure_source_counts_outlets_and_originators() -> None:
    # given: four outlets relaying the health ministry's toll (one also as a syndicated copy),
    # one outlet quoting the UN, and one outlet's own count
    figure = Figure.objects.create(metric="deaths", subject="valmora", scope=Figure.Scope.SERIES)
    relays = [_claim("47", attribution="according to the health ministry") for _ in range(2)]
    relays.append(_claim("47", attribution="selon le ministère de la Santé"))
    relays.append(_claim("47", attribution="das Gesundheitsministerium"))
    copy_article = ArticleFactory(syndicated_from=relays[0].article, published=date(2024, 3, 8))
    relays.append(_claim("47", attribution="according to the health ministry", article=copy_article))
    un = _claim("45", attribution="the United Nations")
    own = _claim("50", attribution="")
    wired = _claim("47", attribution="", wire_agencies=["afp"])
    for claim in [*relays, un, own, wired]:
        claim.figure = figure
        claim.save(update_fields=["figure"])
    # when
    counts = figure_source_counts(figure)
    # then: 7 outlets (the copy is its original's outlet); originators: ministry, UN, the lone
    # outlet, AFP
    assert counts == SourceCounts(outlets=7, originators=4)


@pytest.mark.django_db
def test_relays_of_one_originator_do_not_raise_severity_and_independent_ones_do() -> None:
    # given: three outlets relaying the ministry's 47 and one outlet saying 62
    relays = [_claim("47", attribution="according to the health ministry", source=SourceFactory()) for _ in range(3)]
    lone = _claim("62", attribution="police")
    # when
    article_detect_conflicts(article_id=lone.article_id)
    # then: each conflict with a relay counts one originator a side
    relayed = Conflict.objects.filter(claim_b=lone)
    assert relayed.count() == 3
    assert {tuple(sorted(c.details["support"].items())) for c in relayed} == {(("a", 1), ("b", 1))}
    assert {c.sources for c in relayed} == {2}
    # when: an independent originator agrees with 47
    independent = _claim("47", attribution="the United Nations")
    article_detect_conflicts(article_id=independent.article_id)
    # then
    stronger = Conflict.objects.get(claim_a=lone, claim_b=independent)
    assert stronger.details["support"] == {"a": 1, "b": 2}
    assert stronger.severity > relayed.first().severity
    assert relays[0].article_id != relays[1].article_id


@pytest.mark.django_db
def test_two_claims_of_one_sentence_of_one_article_are_one_source() -> None:
    # given: one article whose one sentence gives two death counts, both of one evening
    body = "Officials in Valmora first reported 40 deaths, then 55 deaths, on the same evening."
    article = ArticleFactory(published=date(2024, 3, 8), status=Article.Status.EXTRACTED, body=body, title="")
    first, second = (ClaimFactory(article=article, start=2 + body.index(n), end=2 + body.index(n) + 2, sentence=body,
                                  value=Decimal(n), lower=Decimal(n), upper=Decimal(n), as_of=date(2024, 3, 8))
                     for n in ("40", "55"))
    # when
    article_detect_conflicts(article_id=article.id)
    # then: one outlet, one source, whatever the two claims' count
    conflict = Conflict.objects.get(claim_a=first, claim_b=second)
    assert conflict.sources == 1
    # and a claim of another outlet that agrees with the 55 adds one independent source
    other = _claim("55", source=SourceFactory())
    article_detect_conflicts(article_id=other.article_id)
    assert Conflict.objects.get(claim_a=first, claim_b=other).sources == 2


def test_independent_sources_joins_claims_that_share_an_outlet_or_an_originator() -> None:
    from claims.services.conflicts.detection import independent_sources

    # three outlets relaying one ministry, and the ministry and the UN quoted in one article
    assert independent_sources(frozenset({("o:ministry", "s1"), ("o:ministry", "s2"), ("o:ministry", "s3")})) == 1
    assert independent_sources(frozenset({("o:ministry", "s1"), ("o:un", "s1")})) == 1
    assert independent_sources(frozenset({("o:ministry", "s1"), ("o:un", "s2"), ("s3", "s3")})) == 3
    assert independent_sources(frozenset({("o:ministry", "s1"), ("o:un", "s1"), ("o:un", "s2"), ("s3", "s3")})) == 2
