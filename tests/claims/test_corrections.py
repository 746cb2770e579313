"""`manage.py export_corrections`: reviewers' corrections as cases of the engine's corpus, which
the corpus loader reads, each naming the engine version that misread it."""

from __future__ import annotations

import io
import tomllib
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from articles.parsing import ArticleInput
from articles.services import article_ingest
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim
from claims.services.review import claim_correct, claim_mark_not_a_claim, claim_review_submit
from claims.tasks import extract_claims
from tests.ui.conftest import make_user
from tools.extraction_corpus import load_corpus_file

pytestmark = pytest.mark.django_db

TEXT = ("Officials in Tarnovel said 41 people were killed and 120 were injured on Tuesday. "
        "Some 2,000 residents fled to the hills, and 35 trucks of aid arrived.")


@pytest.fixture
def extracted():  # type: ignore[no-untyped-def]
    article, _ = article_ingest(data=ArticleInput(title="Floods in Tarnovel", body=TEXT, language="en",
                                                  published=date(2024, 3, 8), published_precision="day"))
    extract_claims(article.id)
    return {claim.quote: claim for claim in Claim.objects.filter(article=article)}


def test_corrections_are_written_as_corpus_cases_the_loader_reads(extracted, tmp_path, roles):
    # given: a reviewer corrects a value, gives a verdict on a neighbour, and marks one not a claim
    rita = make_user("rita", "reviewer")
    injured = next(c for q, c in extracted.items() if q.startswith("120"))
    deaths = next(c for q, c in extracted.items() if q.startswith("41"))
    trucks = next(c for q, c in extracted.items() if q.startswith("35"))
    claim_correct(claim_id=injured.pk, reviewer=rita, changes={"value": Decimal(112), "lower": Decimal(112),
                                                              "upper": Decimal(112)}, note="The bulletin says 112.")
    claim_review_submit(claim_id=deaths.pk, reviewer=rita, rating="accurate", rationale="ok")
    claim_mark_not_a_claim(claim_id=trucks.pk, reviewer=rita)
    out = io.StringIO()
    # when
    call_command("export_corrections", "--output", str(tmp_path), stdout=out)
    # then
    assert out.getvalue().strip() == f"en: 2 cases -> {tmp_path / 'en.toml'}"
    cases = load_corpus_file(tmp_path / "en.toml")
    assert [case.id for case in cases] == [f"en-review-{injured.pk}", f"en-review-{trucks.pk}"]
    first, second = cases
    # the corrected claim's sentence, its corrected reading, and its neighbour as reviewed
    assert first.text == "Officials in Tarnovel said 41 people were killed and 120 were injured on Tuesday."
    assert first.published == date(2024, 3, 8)
    assert [(c.anchor, c.metric, c.given.get("value")) for c in first.claims] == [
        (deaths.quote, "deaths", Decimal(41)), (injured.quote, "injured", Decimal(112))]
    assert f"engine {EXTRACTOR_VERSION} read it wrongly" in first.note
    assert "value 120 -> 112" in first.note
    # the not-a-claim one is left out of its sentence; the unreviewed neighbour by anchor and metric only
    assert second.text == "Some 2,000 residents fled to the hills, and 35 trucks of aid arrived."
    displaced = next(c for c in second.claims)
    assert [(c.anchor, c.metric) for c in second.claims] == [(displaced.anchor, "displaced")]
    assert set(displaced.given) == {"metric"}
    raw = tomllib.loads((tmp_path / "en.toml").read_text(encoding="utf-8"))
    assert raw["language"] == "en"
    assert (tmp_path / "en.toml").read_text(encoding="utf-8").count(f"# engine {EXTRACTOR_VERSION}") == 2


def test_a_metric_corrected_out_of_the_tracked_ones_expects_nothing(extracted, tmp_path, roles):
    rita = make_user("rita", "reviewer")
    trucks = next(c for q, c in extracted.items() if q.startswith("35"))
    claim_correct(claim_id=trucks.pk, reviewer=rita, changes={"metric": "other"})
    call_command("export_corrections", "--output", str(tmp_path), "--language", "en", stdout=io.StringIO())
    (case,) = load_corpus_file(tmp_path / "en.toml")
    assert [c.metric for c in case.claims] == ["displaced"]
    assert "metric aid_trucks -> other" in case.note


def test_with_no_correction_nothing_is_written(tmp_path):
    out = io.StringIO()
    call_command("export_corrections", "--output", str(tmp_path / "none"), stdout=out)
    assert "No corrections to export" in out.getvalue()
    assert not (tmp_path / "none").exists()
