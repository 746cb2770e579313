from __future__ import annotations

import factory

from articles.models import Article, Source
from articles.parsing import content_hash


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")
    kind = Source.Kind.NEWSPAPER


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Flood toll rises in Valmora, report {n}")
    body = factory.Sequence(lambda n: f"At least {n + 10} people were killed in the floods in Valmora, officials said.")
    language = "en"
    published = factory.Faker("date_between", start_date="-60d", end_date="today")
    published_precision = "day"
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.title, o.body))
