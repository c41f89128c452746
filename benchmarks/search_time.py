"""How long a search takes over N released cards (default 2,000), on a fresh database.

    .venv/bin/python benchmarks/search_time.py                      # SQLite (fallback search)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \
        .venv/bin/python benchmarks/search_time.py --cards 2000     # PostgreSQL (dropped!)

The cards are the catalog benchmark's (benchmarks/data.py: realistic titles, 3-5 paragraphs of
Danish-like background), made through the services. Each query is timed as the page uses it:
ranking every match (one query per source) and loading the first page of 20 with snippets;
the median of --repeats runs after one warm-up run.

Measured (2,000 cards, 5 runs, anonymous; 2 shared cores at load average 5-8, so slow):

| query | matches | PostgreSQL 15 | SQLite fallback |
|---|---:|---:|---:|
| `T101` | 1 | 23 ms | 94 ms |
| `svømmehal renovering` | 34 | 55 ms | 191 ms |
| `digital udvikling` | 290 | 183 ms | 217 ms |
| `skoler` | 1,895 | 82 ms | 151 ms |
| `kommunen` | 1,890 | 65 ms | 120 ms |
| `"nye skolerne" -busdrift` | 122 | 1,957 ms | 183 ms (1,595: no phrases) |

On PostgreSQL the GIN indexes find the matches in a few ms; the time is the full rank, which
parses each matching text again (about 0.6 ms a card here), so up to FULL_RANK_LIMIT (300)
matches cost most; past it only titles are ranked. A phrase needs positions, which the index
does not keep, so PostgreSQL parses every card holding all the words (1,878 here, where a
36-word vocabulary puts nearly every word in nearly every card; real catalogs are sparser).
Without the indexes (vectors computed on the fly) every query took 1.5-4.3 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "skoler",
    "digital udvikling",
    "svømmehal renovering",
    "kommunen",
    "T101",
    '"nye skolerne" -busdrift',
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from benchmarks.run import _setup_django

        backend = _setup_django(Path(tmp))
        from django.contrib.auth.models import AnonymousUser

        from benchmarks.data import build_world, card_specs, create_cards
        from search.engine import search

        world = build_world()
        seed_start = time.perf_counter()
        create_cards(world, card_specs(args.cards), release=True)
        seeded = time.perf_counter() - seed_start
        rows = []
        for query in QUERIES:
            for user in (AnonymousUser(), world.finance):
                search(user, query)[0:20]  # warm-up
                rank, page, both, total = [], [], [], 0
                for _ in range(args.repeats):
                    start = time.perf_counter()
                    results = search(user, query)
                    total = len(results)
                    ranked = time.perf_counter()
                    results[0:20]
                    done = time.perf_counter()
                    rank.append((ranked - start) * 1000)
                    page.append((done - ranked) * 1000)
                    both.append((done - start) * 1000)
                rows.append(
                    {
                        "query": query,
                        "user": "finance" if user.is_authenticated else "anonymous",
                        "matches": total,
                        "rank_ms": round(statistics.median(rank), 1),
                        "page_ms": round(statistics.median(page), 1),
                        "total_ms": round(statistics.median(both), 1),
                    }
                )
        print(json.dumps({"backend": backend, "cards": args.cards, "seed_s": round(seeded, 1),
                          "rows": rows}, indent=1, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
