"""Gazetteer benchmark: index load time, a worker's memory with it loaded, and the finder's speed.

    .venv/bin/python bench/gazetteer.py [--megabytes 2]

1. In a fresh process: the time to import the package and load the built index (`make engine`
   builds it; without it the load builds the index in memory, which this reports as such), and
   the resident memory before and after.
2. `find_places` over --megabytes of text per language, with and without the lower-case demonyms:
   the project's samples for en, fr, es and de, and paragraphs written here for ar and ru,
   repeated. These name a place every few words, far more often than news do; where the
   real-news corpus is present (TALLY_SHARED_DIR, by default ../shared), its articles are
   measured too, as text of a news density. Wall-clock and CPU MB/s (CPU time is what a
   loaded machine blurs less).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# The finder must leave room in the engine's 2 MB/s for everything else: well above 10 MB/s.
TARGET_MB_PER_S = 10.0

# Written for this benchmark: news-like paragraphs with places, demonyms and common words.
ARABIC = (
    "أعلنت السلطات المغربية ارتفاع عدد ضحايا الزلزال إلى 2946 قتيلا، معظمهم في إقليم الحوز وتارودانت. "
    "وقالت وزارة الداخلية إن فرق الإنقاذ تواصل البحث في القرى الجبلية جنوب مراكش. "
    "وفي سوريا، أفادت مصادر طبية بمقتل 711 شخصا في محافظة حلب واللاذقية وحماة، فيما تضررت مبان كثيرة في إدلب. "
    "وصلت المساعدات إلى تركيا من الأردن ومصر والجزائر، وقالت وكالة الأنباء التركية إن العمل مستمر في هاتاي. "
    "وفي قطاع غزة، قالت الأمم المتحدة إن الجمعية العامة صوتت بأغلبية 153 دولة لصالح القرار.\n"
)
RUSSIAN = (
    "Число погибших в результате землетрясения в Марокко возросло до 2946 человек, сообщили марокканские власти. "
    "Больше всего жертв в провинции Эль-Хауз и в районе Марракеша. "
    "В Турции и Сирии спасатели продолжают разбирать завалы; в Сирии погибли не менее 711 человек. "
    "Генеральная Ассамблея ООН поддержала резолюцию: за проголосовали 153 государства, против — 10. "
    "Гуманитарная помощь поступила в сектор Газа и на восток Украины, передаёт турецкое агентство Anadolu. "
    "В Валенсии и соседних городах Испании наводнение унесло жизни 216 человек.\n"
)


def _corpus_texts(megabytes: float) -> dict[str, str]:
    folder = Path(os.environ.get("TALLY_SHARED_DIR", REPO.parent / "shared")) / "corpus" / "articles"
    by_language: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        by_language.setdefault(path.name[:2], []).append(path.read_text(encoding="utf-8"))
    target = int(megabytes * 1_000_000)
    texts = {}
    for language, parts in by_language.items():
        text = "\n".join(parts) + "\n"
        texts[language] = text * (target // len(text.encode()) + 1)
    return texts


def _texts(megabytes: float) -> dict[str, str]:
    by_language: dict[str, list[str]] = {"en": [], "fr": [], "es": [], "de": []}
    for path in sorted((REPO / "samples").glob("*.txt")):
        language = path.name.split("_")[1]
        if language in by_language:
            by_language[language].append(path.read_text(encoding="utf-8"))
    sources = {language: "\n".join(parts) for language, parts in by_language.items()}
    sources["ar"] = ARABIC
    sources["ru"] = RUSSIAN
    target = int(megabytes * 1_000_000)
    return {
        language: (text + "\n") * (target // len((text + "\n").encode()) + 1) for language, text in sources.items()
    }


_LOAD_PROBE = """
import json, time
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
before = rss()
started, cpu = time.perf_counter(), time.process_time()
from claims.extraction.gazetteer import index, finder
built = index.current_index_path() is not None
gazetteer = index.default()
finder.finder('en', gazetteer)
print(json.dumps({'built': built, 'seconds': time.perf_counter() - started, 'cpu': time.process_time() - cpu,
                  'rss_before': before, 'rss_after': rss()}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=2.0, help="text per language")
    arguments = parser.parse_args()

    probe = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE], cwd=REPO, capture_output=True, text=True, check=True
    )
    load = json.loads(probe.stdout.strip().splitlines()[-1])
    origin = "the built index" if load["built"] else "no current index: built in memory"
    print(
        f"load ({origin}): {load['seconds']:.2f} s wall, {load['cpu']:.2f} s CPU; "
        f"RSS {load['rss_before']:.0f} MB -> {load['rss_after']:.0f} MB (+{load['rss_after'] - load['rss_before']:.0f} MB)"
    )

    from claims.extraction.gazetteer import default, find_places

    gazetteer = default()
    slowest = float("inf")
    sets = [("dense", text, language) for language, text in _texts(arguments.megabytes).items()]
    sets += [("news", text, language) for language, text in _corpus_texts(arguments.megabytes).items()]
    for kind, text, language in sets:
        size = len(text.encode()) / 1e6
        find_places(text[:20000], language, gazetteer=gazetteer)  # warm the word cache
        figures = []
        for demonyms in (True, False):
            started, cpu = time.perf_counter(), time.process_time()
            mentions = find_places(text, language, demonyms=demonyms, gazetteer=gazetteer)
            wall, used = time.perf_counter() - started, time.process_time() - cpu
            figures.append((demonyms, len(mentions), size / wall, size / max(used, 1e-9)))
        if kind == "news":
            slowest = min(slowest, figures[0][3])
        described = "; ".join(
            f"{'with' if demonyms else 'without'} lower-case demonyms {count:,} mentions, "
            f"{wall_rate:.1f} MB/s wall, {cpu_rate:.1f} MB/s CPU"
            for demonyms, count, wall_rate, cpu_rate in figures
        )
        print(f"find_places {language}, {kind} text ({size:.1f} MB): {described}")
    if slowest < float("inf"):
        verdict = "meets" if slowest >= TARGET_MB_PER_S else "MISSES"
        print(f"slowest language on news text: {slowest:.1f} MB/s CPU ({verdict} the {TARGET_MB_PER_S:.0f} MB/s floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
