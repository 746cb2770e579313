from django.apps import AppConfig

from articles.handoff import reader_register


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        # Stored articles are read here: ingest hands them over through articles.handoff. Models
        # are importable only once the registry is ready, hence the import here.
        from claims.services.pipeline import articles_reader

        reader_register(articles_reader())
