# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench engine migrate samples clean-db lint

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The extraction engine compiled with mypyc into build/mypyc (claims/extraction/native.py); a no-op
# when up to date, and the plain Python engine (same results, slower) where nothing can compile it.
# Then the gazetteer's alias index into build/gazetteer (claims/extraction/gazetteer/index.py).
engine: $(STAMP)
	$(PY) -m claims.extraction.build
	$(PY) -m claims.extraction.gazetteer.build

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput -v 0

samples: migrate engine
	$(PY) manage.py ingest samples/

# The main job on the embedded default (SQLite, tasks in-process): load the samples, say what was
# found, and serve on http://127.0.0.1:8000.
run: samples
	$(PY) manage.py ensure_admin
	$(PY) manage.py overview
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite: on PostgreSQL and Redis where DATABASE_URL and REDIS_URL name them, including a
# real celery worker; otherwise on SQLite with in-process tasks.
test: $(STAMP) engine
	$(PY) -m pytest

# The extraction engine scored on the project's corpus and on the real-news corpus beside the
# project (corpus/ of TALLY_SHARED_DIR, ../shared by default; skipped, saying so, where absent).
.PHONY: evaluate
evaluate: engine
	$(PY) -m tools.evaluate tests/claims/extraction/corpus

$(VENV)/.bench-installed: requirements-bench.txt $(STAMP)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@

bench: $(VENV)/.bench-installed engine
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean-db:
	rm -f var/tally.sqlite3 var/tally.sqlite3-wal var/tally.sqlite3-shm
