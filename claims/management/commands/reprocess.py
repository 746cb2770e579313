from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.parsing import parse_date
from claims.services.pipeline import articles_reprocess


class Command(BaseCommand):
    help = "Run claim extraction and conflict detection again for a selection of articles."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("ids", nargs="*", type=int, help="Article ids")
        parser.add_argument("--all", action="store_true", help="Every article")
        parser.add_argument("--status", choices=Article.Status.values)
        parser.add_argument("--language")
        parser.add_argument("--since", help="Published on or after YYYY[-MM[-DD]]")
        parser.add_argument("--force", action="store_true",
                            help="Replace claims even when the extractor version is unchanged (drops review work on them)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not (options["ids"] or options["all"] or options["status"] or options["language"] or options["since"]):
            raise CommandError("say which articles: ids, --all, --status, --language or --since")
        queryset = Article.objects.all()
        if options["ids"]:
            queryset = queryset.filter(id__in=options["ids"])
        if options["status"]:
            queryset = queryset.filter(status=options["status"])
        if options["language"]:
            queryset = queryset.filter(language=options["language"])
        if options["since"]:
            try:
                since, _ = parse_date(options["since"])
            except ValueError as error:
                raise CommandError(str(error)) from None
            queryset = queryset.filter(published__gte=since)
        ids = articles_reprocess(queryset=queryset, force=options["force"])
        self.stdout.write(f"reprocessing {len(ids)} article(s)")
