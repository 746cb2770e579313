from __future__ import annotations

from decimal import Decimal

import factory

from claims.models import Claim
from tests.articles.factories import ArticleFactory


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = 8
    quote = factory.LazyAttribute(lambda o: o.article.text[o.start:o.end])
    sentence = factory.LazyAttribute(lambda o: o.article.body)
    metric = "deaths"
    subject = "valmora"
    value = Decimal("12")
    lower = Decimal("12")
    upper = Decimal("12")
    qualifier = "exact"
    unit = "people"
    as_of = factory.LazyAttribute(lambda o: o.article.published)
    as_of_precision = "day"
    time_start = factory.LazyAttribute(lambda o: o.as_of)
    time_end = factory.LazyAttribute(lambda o: o.as_of)
    language = "en"
    confidence = 0.9
    rules = factory.LazyFunction(lambda: ["test"])
    extractor_version = "test"
