from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.corrections import corpus_files


class Command(BaseCommand):
    help = ("Write reviewers' corrections of claims (metric, value, bounds, place, not a claim) as corpus "
            "files of the extraction engine, one <language>.toml a language, each case naming the engine "
            "version that read it wrongly.")

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--output", default=None,
                            help="Folder to write <language>.toml into (default: corrections/ in TALLY_VAR_DIR)")
        parser.add_argument("--language", default="", help="Only this language's corrections (ISO 639-1)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        folder = Path(options["output"] or Path(settings.VAR_DIR) / "corrections")
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        files = corpus_files(language=options["language"].strip().lower())
        if not files:
            self.stdout.write("No corrections to export: no reviewer has corrected a claim yet.")
            return
        folder.mkdir(parents=True, exist_ok=True)
        for language, (text, count) in files.items():
            path = folder / f"{language}.toml"
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"{language}: {count} case{'s' if count != 1 else ''} -> {path}")
