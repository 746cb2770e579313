from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Count

from articles.models import Article
from claims.models import Claim, Conflict


class Command(BaseCommand):
    help = "Print what the database holds: articles by language and status, claims by metric, conflicts."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        articles = Article.objects.count()
        by_language = dict(Article.objects.values_list("language").annotate(n=Count("id")).order_by("language"))
        by_status = dict(Article.objects.values_list("status").annotate(n=Count("id")).order_by("status"))
        self.stdout.write(f"articles: {articles}  by language {by_language}  by status {by_status}")
        by_metric = Claim.objects.values_list("metric").annotate(n=Count("id")).order_by("-n", "metric")
        self.stdout.write(f"claims: {Claim.objects.count()}")
        for metric, count in by_metric:
            self.stdout.write(f"  {metric:<20} {count}")
        by_kind = dict(Conflict.objects.values_list("kind").annotate(n=Count("id")).order_by("kind"))
        self.stdout.write(f"conflicts: {Conflict.objects.count()}  {by_kind}")
        failed = Article.objects.filter(status=Article.Status.FAILED).values_list("id", "last_error")[:10]
        for article_id, error in failed:
            self.stdout.write(f"  failed article {article_id}: {error}")
