from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.pages import HTML_SUFFIXES, read_html_file
from articles.parsing import ArticleInput, IngestError, file_error, read_articles, validate
from articles.services import IngestReport, article_ingest_many, article_ingest_url


def _html_files(paths: list[str], *, source: str | None, max_bytes: int) -> Iterator[ArticleInput | IngestError]:
    for name in paths:
        if (not_a_file := file_error(name)) is not None:
            yield not_a_file
            continue
        try:
            yield validate(read_html_file(Path(name), source=source, max_bytes=max_bytes), max_body_bytes=max_bytes)
        except IngestError as error:
            yield error
        except OSError as error:
            yield IngestError(f"cannot read: {error.strerror or error}", path=name)


class Command(BaseCommand):
    help = (
        "Ingest articles from files and folders: the seed format (' date YYYY-MM[-DD] Title', a blank "
        "line, the body) and JSON Lines (title, body; optional url, source, language, published); "
        "HTML files (.html, .htm) and http(s) URLs, whose main text is extracted. "
        "Exits 1 when any input failed; the others are stored all the same."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--source", default=None,
                            help="Outlet of the URLs and HTML files (a name or a domain; default: the URL's host)")
        parser.add_argument("--chunk-size", type=int, default=None, help="Articles per transaction")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        limit = settings.TALLY_MAX_BODY_BYTES
        urls = [p for p in options["paths"] if p.lower().startswith(("http://", "https://"))]
        html = [p for p in options["paths"] if p not in urls and Path(p).suffix.lower() in HTML_SUFFIXES]
        files = [p for p in options["paths"] if p not in urls and p not in html]
        items = chain(
            read_articles(files, max_body_bytes=limit) if files else (),
            _html_files(html, source=options["source"], max_bytes=limit),
        )
        # tqdm shows itself only on a terminal (disable=None), so logs and CI stay clean.
        with tqdm(desc="ingest", unit=" article", disable=None, file=sys.stderr, leave=False) as bar:
            report = article_ingest_many(items=items, chunk_size=options["chunk_size"], progress=bar.update)
        report.merge(self._ingest_urls(urls, source=options["source"]))
        for error in report.failed:
            self.stderr.write(f"failed: {error}")
        self.stdout.write(
            f"new: {len(report.new)}, duplicate: {len(report.duplicates)}, failed: {len(report.failed)}"
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} input(s) failed; the others were ingested", returncode=1)

    def _ingest_urls(self, urls: list[str], *, source: str | None) -> IngestReport:
        report = IngestReport()
        for url in urls:
            try:
                article, created = article_ingest_url(url=url, source=source)
            except IngestError as error:
                report.failed.append(error)
                continue
            if created:
                report.new.append(article.id)
            else:
                report.duplicates.append((url, article.id))
        return report
