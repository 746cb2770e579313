"""Browsing and publishing in a real browser: the claims page searched across languages, and a
published verdict's public page read without logging in, its JSON-LD parsed and checked, then
corrected by an editor."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from claims.models import Claim, Review
from claims.services.review import claim_review_submit, review_approve
from tests.ui.browser.test_desk import log_in, samples  # noqa: F401 - a fixture
from tests.ui.conftest import make_user, toll


def test_a_reviewer_searches_the_claims_of_the_samples(live_server, page: Page, samples, screenshots):  # noqa: F811
    # given: the sample articles, in several languages
    make_user("rita", "reviewer")
    log_in(page, live_server.url, "rita")
    deaths = Claim.objects.filter(metric="deaths")
    word = "killed"
    expected = {c.id for c in deaths if word in c.sentence.lower()}
    assert expected
    # when: she searches the death tolls for a word
    page.goto(f"{live_server.url}/claims/")
    page.fill("#id_q", word)
    page.select_option("#id_metric", "deaths")
    page.click("#browse-filters button[type=submit]")
    # then: each listed claim is a death toll whose sentence holds the word (or, on PostgreSQL,
    # another form of it), its number marked
    rows = page.locator("table.browse tbody tr")
    expect(rows.first).to_be_visible()
    shown = {int(row.get_attribute("id").split("-")[1]) for row in rows.all()}
    assert expected <= shown
    assert all(Claim.objects.get(pk=pk).metric == "deaths" for pk in shown)
    expect(page.locator("table.browse mark").first).to_be_visible()
    expect(page.locator("#id_q")).to_have_value(word)
    page.screenshot(path=str(screenshots / "browse-claims-search.png"), full_page=True)
    # and the articles page lists what a search of the bodies finds
    page.goto(f"{live_server.url}/articles/?q={word}")
    expect(page.locator("table.browse tbody tr").first).to_be_visible()


def test_the_public_verdict_page_carries_its_claimreview_and_its_corrections(live_server, page: Page, browser,
                                                                              roles, screenshots):
    # given: a published verdict on a claim attributed to a ministry
    rita, edna = make_user("rita", "reviewer"), make_user("edna", "editor")
    claim = toll("25000", day="2023-12-20", attribution="the ministry of health",
                 body="At least 25000 people were killed in the floods in Valmora, the ministry of health said.")
    Claim.objects.filter(pk=claim.pk).update(attribution="the ministry of health")
    article = claim.article
    article.url = "https://news.example/valmora-floods"
    article.save(update_fields=["url"])
    review = claim_review_submit(claim_id=claim.pk, reviewer=rita, rating="inaccurate",
                                 rationale="The ministry's own bulletin gives a lower count.")
    review_approve(review_id=review.pk, editor=edna)
    Review.objects.filter(pk=review.pk).update(supported_lower=19600, supported_upper=20400,
                                               supported_as_of="2023-12-20", supported_as_of_precision="day")
    url = f"{live_server.url}/verdicts/{review.pk}/"

    # when: anyone opens its page, logged out
    page.goto(url)

    # then: the page and its ClaimReview say the same thing, as Google's tools read it
    expect(page.locator("h1")).to_contain_text("Inaccurate")
    expect(page.locator(".explanation")).to_have_text(
        "supported: 19,600 to 20,400 as of 20 December 2023; this report: 25,000")
    scripts = page.locator('script[type="application/ld+json"]')
    expect(scripts).to_have_count(1)
    data = json.loads(scripts.first.text_content())
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert data["url"] == url
    assert data["claimReviewed"] == claim.sentence
    assert data["reviewRating"]["alternateName"] == "Inaccurate"
    assert (data["reviewRating"]["ratingValue"], data["reviewRating"]["worstRating"]) == (1, 1)
    assert data["reviewRating"]["ratingExplanation"].startswith("supported: 19,600 to 20,400 as of 20 December 2023")
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "the ministry of health"}
    assert (item["appearance"]["url"], item["appearance"]["datePublished"]) == (
        "https://news.example/valmora-floods", "2023-12-20")
    expect(page.locator("#correct-form")).to_have_count(0)
    page.screenshot(path=str(screenshots / "verdict-public.png"), full_page=True)

    # when: an editor corrects it from the page
    editor = browser.new_context(viewport={"width": 1360, "height": 900})
    editor_page = editor.new_page()
    log_in(editor_page, live_server.url, "edna")
    editor_page.goto(url)
    editor_page.select_option("#correct-form select[name=rating]", "misleading")
    editor_page.fill("#correct-form textarea[name=note]", "The rating now weighs the later bulletin.")
    editor_page.click("#correct-form button[type=submit]")

    # then: the public page shows the new rating, its history and the modified date
    expect(editor_page.locator(".messages")).to_contain_text("The verdict is corrected")
    page.reload()
    expect(page.locator("h1")).to_contain_text("Misleading")
    expect(page.locator(".history")).to_contain_text("The rating now weighs the later bulletin.")
    data = json.loads(page.locator('script[type="application/ld+json"]').first.text_content())
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert "dateModified" in data
    page.screenshot(path=str(screenshots / "verdict-public-corrected.png"), full_page=True)
    editor.close()
