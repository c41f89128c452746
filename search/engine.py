"""The search behind one interface, search(): PostgreSQL's full-text search with the 'danish'
configuration, or a small word-by-word fallback on SQLite. Either way the answer is Results,
which a Paginator slices: ranking costs one light query per source, and only the hits of the
page shown are loaded, with their snippets, in one more query per source."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from budget_portal.models import BudgetCycle
from search.sources import SOURCES, Source

CONFIG = "danish"
# Longer queries are refused by the form; a search phrase is never this long.
MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 30
FULL_RANK_LIMIT = 300


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    title: str
    context: str
    cycle: BudgetCycle
    url: str
    snippet: SafeString


@dataclass(frozen=True, order=True)
class Match:
    """A found row before it is loaded: what ranking needs, nothing more."""

    sort_key: tuple
    source: int  # index into SOURCES
    pk: int


def _match(source: int, pk: int, rank: float, title: str) -> Match:
    return Match((-rank, source, (title or "").casefold(), pk), source, pk)


class Results:
    """All matches in rank order; slicing loads just that slice as Hits (for Paginator)."""

    def __init__(self, matches: list[Match], load: Callable[[list[Match]], list[Hit]]):
        self._matches = sorted(matches)
        self._load = load

    def __len__(self) -> int:
        return len(self._matches)

    def __getitem__(self, index: slice) -> list[Hit]:
        return self._load(self._matches[index])


def search(user, text: str, *, cycle_slug: str = "", kind: str = "") -> Results:
    """What USER may read that matches TEXT, best first; CYCLE is a cycle slug, KIND a
    Source.kind; empty means all."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    sources = [i for i, source in enumerate(SOURCES) if not kind or source.kind == kind]
    if not text or not sources:
        return Results([], lambda matches: [])
    backend = _postgres_search if connection.vendor == "postgresql" else _fallback_search
    return backend(user, text, sources, cycle_slug)


def _candidates(source: Source, user, cycle_slug: str) -> QuerySet:
    rows = source.visible(user).order_by()
    return rows.filter(**{source.cycle_slug: cycle_slug}) if cycle_slug else rows


def _joined(parts: Sequence) -> Concat | Coalesce | Value:
    """The text of several columns as one, spaces between, NULL as empty."""
    if not parts:
        return Value("", output_field=TextField())
    if len(parts) == 1:
        return Coalesce(parts[0], Value(""), output_field=TextField())
    spaced = [p for part in parts for p in (part, Value(" "))][:-1]
    return Concat(*spaced, output_field=TextField())


def _loader(
    indexes: list[int], snippet_of: Callable[[Source], object], finish: Callable[[str], SafeString]
) -> Callable[[list[Match]], list[Hit]]:
    """Load a page of matches: one query per source, the snippet computed by SNIPPET_OF (an
    expression) and made safe HTML by FINISH."""

    def load(matches: list[Match]) -> list[Hit]:
        loaded = {}
        for index in indexes:
            pks = [m.pk for m in matches if m.source == index]
            if not pks:
                continue
            source = SOURCES[index]
            rows = (
                source.model._default_manager.filter(pk__in=pks)
                .select_related(*source.related)
                .annotate(search_snippet=snippet_of(source))
            )
            loaded.update({(index, row.pk): row for row in rows})
        hits = []
        for m in matches:
            row = loaded.get((m.source, m.pk))
            if row is None:  # deleted between ranking and loading
                continue
            source = SOURCES[m.source]
            described = source.describe(row)
            hits.append(
                Hit(
                    kind=source.kind,
                    kind_label=str(source.label),
                    title=described.title,
                    context=described.context,
                    cycle=described.cycle,
                    url=described.url,
                    snippet=finish(row.search_snippet or ""),
                )
            )
        return hits

    return load


# ------------------------------------------------------------------ PostgreSQL


def _vector(source: Source) -> SearchVector:
    """Title words weigh A, the rest B. The card and response vectors are indexed exactly as
    written here (migration 0001): change both together."""
    body = SearchVector(*source.body, config=CONFIG, weight="B")
    if not source.title:
        return body
    return SearchVector(*source.title, config=CONFIG, weight="A") + body


def _title_rank(source: Source, query: SearchQuery) -> SearchRank | Value:
    if not source.title:
        return Value(0.0)
    return SearchRank(SearchVector(*source.title, config=CONFIG, weight="A"), query)


def _postgres_search(user, text: str, indexes: list[int], cycle_slug: str) -> Results:
    # websearch syntax: "exact phrase", -excluded, or; never a syntax error on odd input.
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    found: dict[int, list[tuple[int, float, str]]] = {}
    for index in indexes:
        source = SOURCES[index]
        found[index] = list(
            _candidates(source, user, cycle_slug)
            .alias(search_vector=_vector(source))
            .filter(search_vector=query)
            .values_list("pk", _title_rank(source, query), _joined(source.title))
        )
    # Finding uses the index, but the full rank parses every matching text again (about 1 ms
    # for a card). Past FULL_RANK_LIMIT matches (a word in nearly every card) the title rank
    # alone orders them, so a common word cannot cost seconds.
    if sum(len(rows) for rows in found.values()) <= FULL_RANK_LIMIT:
        for index, rows in found.items():
            if rows:
                source = SOURCES[index]
                ranks = dict(
                    source.model._default_manager.filter(
                        pk__in=[pk for pk, _r, _t in rows]
                    ).values_list("pk", SearchRank(_vector(source), query))
                )
                found[index] = [(pk, ranks.get(pk, 0.0), title) for pk, _r, title in rows]
    matches = [
        _match(index, pk, rank, title) for index, rows in found.items() for pk, rank, title in rows
    ]

    # The headline is user-authored text: it is escaped whole, and only our own markers become
    # <mark>. They are random per search, so no text can contain them.
    start, stop = secrets.token_hex(8), secrets.token_hex(8)

    def headline(source: Source) -> SearchHeadline:
        return SearchHeadline(
            _joined(source.body),
            query,
            config=CONFIG,
            start_sel=start,
            stop_sel=stop,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def finish(raw: str) -> SafeString:
        marked = escape(" ".join(raw.split())).replace(start, "<mark>").replace(stop, "</mark>")
        return mark_safe(marked)  # noqa: S308 - escaped above; only our markers are tags

    return Results(matches, _loader(indexes, headline, finish))


# ------------------------------------------------------------------ fallback (SQLite)
# Not a search engine: every word must occur (case-insensitively) in a title or a text, a
# title hit ranks above a text-only hit, and a few Danish endings are cut so "skoler" also
# finds "skole". Good enough for a demo on SQLite; production runs on PostgreSQL.

DANISH_ENDINGS = ("erne", "ene", "er", "en", "et", "e")
MIN_STEM = 3
MAX_WORDS = 10


def danish_stem(word: str) -> str:
    """Cut the first of DANISH_ENDINGS that fits, if at least MIN_STEM letters remain."""
    for ending in DANISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def fallback_terms(text: str) -> tuple[list[str], list[str]]:
    """The stems to find and the stems to exclude (words written with a leading minus)."""
    include: list[str] = []
    exclude: list[str] = []
    for token in text.lower().split():
        target = exclude if token.startswith("-") else include
        for word in re.findall(r"\w+", token):
            stem = danish_stem(word)
            if stem not in target:
                target.append(stem)
    return include[:MAX_WORDS], exclude[:MAX_WORDS]


def _contains(column: str, stem: str) -> Q:
    # SQLite's LIKE folds ASCII letters only: "ældre" must also try "Ældre" and "ÆLDRE".
    variants = {stem} if stem.isascii() else {stem, stem.capitalize(), stem.upper()}
    return reduce(or_, (Q(**{f"{column}__icontains": v}) for v in sorted(variants)))


def _fallback_search(user, text: str, indexes: list[int], cycle_slug: str) -> Results:
    include, exclude = fallback_terms(text)
    if not include:
        return Results([], lambda matches: [])
    matches = []
    for index in indexes:
        source = SOURCES[index]
        rows = _candidates(source, user, cycle_slug).annotate(
            search_title=_joined(source.title), search_body=_joined(source.body)
        )
        for stem in include:
            rows = rows.filter(_contains("search_title", stem) | _contains("search_body", stem))
        for stem in exclude:
            rows = rows.exclude(_contains("search_title", stem) | _contains("search_body", stem))
        title_hits = sum(
            (Case(When(_contains("search_title", s), then=1), default=0) for s in include),
            Value(0),
        )
        rows = rows.annotate(search_rank=title_hits).values_list(
            "pk", "search_rank", "search_title"
        )
        matches += [_match(index, pk, rank, title) for pk, rank, title in rows]

    def finish(raw: str) -> SafeString:
        return fallback_snippet(raw, include)

    return Results(matches, _loader(indexes, lambda source: _joined(source.body), finish))


WORD = re.compile(r"\w+")


def fallback_snippet(text: str, stems: list[str], width: int = 200) -> SafeString:
    """About WIDTH characters of TEXT from a little before the first word that contains one
    of STEMS (lower case), those words marked."""

    def hits(part: str):
        return (m for m in WORD.finditer(part) if any(s in m.group().lower() for s in stems))

    text = " ".join(text.split())
    first = next(hits(text), None)
    start = 0
    if first and first.start() > width // 3:
        start = text.find(" ", first.start() - width // 3) + 1
    end = len(text) if len(text) <= start + width else text.rfind(" ", start, start + width)
    if end <= start:
        end = start + width
    window = text[start:end]
    parts = ["… " if start else ""]
    position = 0
    for found in hits(window):
        parts.append(escape(window[position : found.start()]))
        parts.append(format_html("<mark>{}</mark>", found.group()))
        position = found.end()
    parts.append(escape(window[position:]))
    parts.append(" …" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped or format_html
