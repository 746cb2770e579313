from __future__ import annotations

from decimal import Decimal

import factory

from claims.models import Claim, Review
from claims.places import claim_places_write, subject_path
from tests.articles.factories import ArticleFactory


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = 8
    quote = factory.LazyAttribute(lambda o: o.article.text[o.start:o.end])
    sentence = factory.LazyAttribute(lambda o: o.article.body)
    metric = "deaths"
    subject = "valmora"
    subject_path = factory.LazyAttribute(lambda o: subject_path(o.subject))
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

    @factory.post_generation
    def places(self, create: bool, extracted: object, **kwargs: object) -> None:
        # As the claims service stores them: the subject path's rows beside the claim.
        if create:
            claim_places_write([self])


class ReviewFactory(factory.django.DjangoModelFactory):
    """A verdict on a claim, pinned to the claim's reading as the service pins it; pass `reviewer`."""

    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    rating = "accurate"
    rationale = "Matches the ministry's bulletin."
    judged_metric = factory.LazyAttribute(lambda o: o.claim.metric)
    judged_subject = factory.LazyAttribute(lambda o: o.claim.subject)
    judged_value = factory.LazyAttribute(lambda o: o.claim.value)
    judged_lower = factory.LazyAttribute(lambda o: o.claim.lower)
    judged_upper = factory.LazyAttribute(lambda o: o.claim.upper)
    judged_qualifier = factory.LazyAttribute(lambda o: o.claim.qualifier)
