from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.parsing import read_articles
from articles.services import article_ingest_many


class Command(BaseCommand):
    help = (
        "Ingest articles from files and folders: the seed format (' date YYYY-MM[-DD] Title', a blank "
        "line, the body) and JSON Lines (title, body; optional url, source, language, published). "
        "Exits 1 when any input failed; the others are stored all the same."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--chunk-size", type=int, default=None, help="Articles per transaction")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        items = read_articles(options["paths"], max_body_bytes=settings.TALLY_MAX_BODY_BYTES)
        # tqdm shows itself only on a terminal (disable=None), so logs and CI stay clean.
        with tqdm(desc="ingest", unit=" article", disable=None, file=sys.stderr, leave=False) as bar:
            report = article_ingest_many(items=items, chunk_size=options["chunk_size"], progress=bar.update)
        for error in report.failed:
            self.stderr.write(f"failed: {error}")
        self.stdout.write(
            f"new: {len(report.new)}, duplicate: {len(report.duplicates)}, failed: {len(report.failed)}"
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} input(s) failed; the others were ingested", returncode=1)
