"""Charts as SVG drawn on the server (pygal), the same markup in pages and PDFs.

pygal because it writes SVG and nothing else, in pure Python, in milliseconds (matplotlib
costs a third of a second to import and writes every style as a style attribute). Its
output is made to fit the portal's Content Security Policy (style-src 'self', no inline
script): the <style> and <script> it embeds and its style attributes are removed, and the
few looks it needs are set as SVG presentation attributes, which are not CSS. The SVG is
inlined in the HTML, so WeasyPrint's deny-by-default URL fetcher has nothing to fetch.

Each chart carries a title, a text description and the same numbers as a table
(templates/partials/_chart.html): the SVG itself is one image to a screen reader.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils.safestring import SafeString, mark_safe

from budget_portal import money

# Dark enough for 4.5:1 against white (WCAG 1.4.11 asks 3:1 of graphics), told apart by the
# legend's words and the table, never by colour alone.
PALETTE = ("#004993", "#8a4b00", "#1f6f3a", "#6b2c91", "#b0341a", "#005f73", "#4d4d4d")
INK, GUIDE, PAPER = "#1a1a1a", "#c8c8c8", "#ffffff"
FONT = "IBM Plex Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | Decimal | None]  # kroner (or a count); None: not known


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[str]


@dataclass
class Chart:
    """A bar chart of SERIES over LABELS; amounts in kroner shown in UNIT ("mio", "t",
    "kr"), or plain counts when UNIT is empty."""

    title: str
    description: str
    labels: list[str]
    series: list[Series]
    unit: str = ""
    row_heading: str = ""  # the table's first column: "Udvalg", "Forslag"
    kind: str = "bar"  # or "hbar" for long labels (one bar per card)
    # Where the page loads the drawing from as an image, instead of inlining it: the page then
    # does not wait for the drawing (the card list). PDFs always inline it.
    src: str = ""

    @cached_property
    def key(self) -> tuple:
        """Everything the drawing depends on: equal keys, equal SVG."""
        series = tuple((s.name, tuple(s.values)) for s in self.series)
        return (self.title, self.description, tuple(self.labels), series, self.unit, self.kind)

    @cached_property
    def id(self) -> str:
        # From the content, so the cached drawing's ids match the page's caption and table.
        return "chart-" + hashlib.blake2s(repr(self.key).encode(), digest_size=6).hexdigest()

    def _shown(self, value) -> Decimal | None:
        if value is None:
            return None
        if not self.unit:
            return Decimal(value)
        return Decimal(value) / money.UNIT_FACTOR[self.unit]

    def text(self, value) -> str:
        if value is None:
            return "–"
        if not self.unit:
            return money.format_decimal(value)
        return money.in_unit(value, self.unit)

    @property
    def rows(self) -> list[TableRow]:
        """The chart's numbers as the table beside it shows them, rounded once, Danish."""
        return [TableRow(s.name, [self.text(v) for v in s.values]) for s in self.series]

    @property
    def height(self) -> int:
        """Pixels: one bar row per label for horizontal bars, else a fixed plot."""
        return 120 + 28 * len(self.labels) if self.kind == "hbar" else 320

    @property
    def unit_label(self) -> str:
        return money.UNIT_LABEL[self.unit] if self.unit else ""

    @property
    def svg(self) -> SafeString:
        return mark_safe(_drawn(self))  # noqa: S308 - pygal's tree, our text escaped


# A list re-rendered for each signed-in reader shows the same totals until a card changes:
# each drawing is made once per state of its numbers (about 25 ms a chart) and process.
_DRAWN: dict[tuple, str] = {}
_DRAWN_MAX = 256


def _drawn(chart: Chart) -> str:
    svg = _DRAWN.get(chart.key)
    if svg is None:
        if len(_DRAWN) >= _DRAWN_MAX:
            _DRAWN.clear()
        svg = _DRAWN[chart.key] = render_svg(chart)
    return svg


def _tick(value: float) -> str:
    # Axis labels in Danish notation, as few decimals as the tick needs: 0,5 · 1 · 1.000.
    number = Decimal(repr(value)).normalize()
    places = max(0, -number.as_tuple().exponent)
    return money.format_decimal(number, places)


def _pygal():
    """pygal, imported when a chart is first drawn (not at process start). Its import adds a
    finder for map plugins without find_spec to sys.meta_path, which makes every later failed
    import lookup warn (ImportWarning) on Python 3.11; the portal draws no maps, so it goes."""
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def render_svg(chart: Chart) -> str:
    pygal = _pygal()
    from pygal.style import Style

    cls = pygal.HorizontalBar if chart.kind == "hbar" else pygal.Bar
    graph = cls(
        width=720,
        height=chart.height,
        js=[],
        css=[],
        disable_xml_declaration=True,
        no_prefix=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        show_legend=len(chart.series) > 1,
        truncate_legend=40,
        truncate_label=40,
        value_formatter=_tick,
        y_title=chart.unit_label or None,
        style=Style(colors=PALETTE, font_family=FONT),
        margin=12,
        spacing=8,
    )
    graph.x_labels = chart.labels
    for s in chart.series:
        graph.add(s.name, [_float(chart._shown(v)) for v in s.values])
    root = graph.render_tree()
    _fit_to_policy(root, chart)
    # The serialiser escapes the title and description: no text goes in raw.
    return _tostring(root)


def _float(value: Decimal | None) -> float | None:
    # Only the drawing is in floats; every number a reader sees comes from the Decimal.
    return None if value is None else float(value)


def _tostring(root) -> str:
    # pygal builds its tree with lxml when that is installed, else with ElementTree.
    try:
        from lxml import etree

        if isinstance(root, etree._Element):
            return etree.tostring(root, encoding="unicode")
    except ImportError:  # pragma: no cover
        pass
    from xml.etree import ElementTree

    return ElementTree.tostring(root, encoding="unicode")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _fit_to_policy(root, chart: Chart) -> None:
    """pygal's SVG without CSS or script, its looks as presentation attributes, and named
    as one image by the chart's title and description."""
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        name = _local(element.tag)
        drop = name in ("style", "script") or not isinstance(element.tag, str)
        classes = set((element.get("class") or "").split())
        # Tooltip scaffolding and the coordinates pygal keeps as <desc> for its script.
        drop = drop or "tooltip-overlay" in classes or (name == "desc" and element is not root)
        drop = drop or (name == "title" and parents.get(element) is not root)
        if drop and element in parents:
            parents[element].remove(element)
            continue
        element.attrib.pop("style", None)
        # pygal's ids are hooks for its script: the same in every chart, so two charts on a
        # page (or in a PDF) would repeat them.
        element.attrib.pop("id", None)
        _paint(element, name, classes, parents)
    for element in list(root):
        if _local(element.tag) == "title":
            root.remove(element)
    root.set("id", chart.id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart.id}-title {chart.id}-desc")
    root.set("width", "100%")
    root.set("font-family", FONT)
    title = root.makeelement(_qualified(root, "title"), {"id": f"{chart.id}-title"})
    title.text = chart.title
    desc = root.makeelement(_qualified(root, "desc"), {"id": f"{chart.id}-desc"})
    desc.text = chart.description
    root.insert(0, desc)
    root.insert(0, title)


def _qualified(root, name: str) -> str:
    tag = root.tag
    return f"{tag.rsplit('}', 1)[0]}}}{name}" if tag.startswith("{") else name


def _paint(element, name: str, classes: set[str], parents: dict) -> None:
    if name == "rect" and "background" in classes:
        element.set("fill", PAPER)
    elif name == "path" and "line" in classes:
        major = "major" in classes or "guide" not in classes
        element.set("stroke", INK if major else GUIDE)
        element.set("fill", "none")
        element.set("stroke-width", "1")
    elif name == "text":
        element.set("fill", INK)
        element.set("font-size", "16" if "title" in classes else "12")
        axis = _ancestor_classes(element, parents)
        if "title" in classes or ("x" in axis and "axis" in axis):
            element.set("text-anchor", "middle")
        elif "axis" in axis and "y" in axis:
            element.set("text-anchor", "end")
    elif name == "rect":
        colour = _series_colour(element, classes, parents)
        if colour:
            element.set("fill", colour)
            element.set("stroke", colour)


def _ancestor_classes(element, parents: dict) -> set[str]:
    found: set[str] = set()
    node = parents.get(element)
    while node is not None:
        found |= set((node.get("class") or "").split())
        node = parents.get(node)
    return found


def _series_colour(element, classes: set[str], parents: dict) -> str | None:
    for name in classes | _ancestor_classes(element, parents):
        if name.startswith("color-") and name[6:].isdigit():
            return PALETTE[int(name[6:]) % len(PALETTE)]
    return None
