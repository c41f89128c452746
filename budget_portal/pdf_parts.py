"""One tagged PDF from parts rendered apart (pypdf): pages, structure tree, outline, named
destinations, and the "Side n af N" footer that no part can know while it is rendered.

Each part is a complete WeasyPrint PDF/UA document without page numbers (print.css: the page
"parts"). Put together here:
- pages in order; the structure tree of every part under one Document element, the parent
  tree renumbered (a page's /StructParents, a link's /StructParent);
- named destinations merged, a later part's anchor winning, so the front's links
  (the table of contents, rendered with stand-in anchors) land on the card pages;
- the outline of every part, a continuing part's top items under the previous part's last;
- the footer on every page but the cover, drawn as a pagination artifact in the same font,
  size and place WeasyPrint uses (measured on a one-page sheet rendered with print.css);
- the document catalogue (language, MarkInfo, XMP metadata, title) from the first part.
pypdf is imported on first use, as WeasyPrint is.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

FOOTER_SAMPLE = "Side 0123456789 af"
FOOTER_FONT = "/BpFooter"


@dataclass(frozen=True)
class PartPdf:
    data: bytes
    pages: int  # known from its render: "af N" needs the sum before the first footer
    # Its top outline items continue the previous part's last one (a committee that spans
    # two parts has its bookmark in the first).
    continues: bool = False


@dataclass(frozen=True)
class FooterMetrics:
    """Where and how WeasyPrint sets the footer: the font (from the sheet), each character's
    code and width, the size in points, the right end and the baseline in PDF points."""

    sheet: bytes
    font_name: str
    codes: dict[str, str]
    widths: dict[str, float]
    size: float
    right: float
    baseline: float

    def text_operators(self, text: str) -> bytes:
        try:
            codes = "".join(self.codes[ch] for ch in text)
        except KeyError as exc:
            raise ValueError(f"no glyph for {exc} in the footer font") from exc
        width = sum(self.widths[ch] for ch in text) * self.size / 1000
        x = self.right - width
        return (
            b"q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
            b"0.101961 0.101961 0.101961 rg\n"
            + f"BT\n{FOOTER_FONT} {self.size:.4f} Tf\n1 0 0 1 {x:.4f} {self.baseline:.4f} Tm\n"
            f"<{codes}> Tj\nET\nEMC\nQ\n".encode("ascii")
        )


def _matrix_product(a: Sequence[float], b: Sequence[float]) -> tuple[float, ...]:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def footer_metrics(sheet: bytes) -> FooterMetrics:
    """Read the footer's font and position off SHEET: one page whose footer reads
    FOOTER_SAMPLE (print/footer_sheet.html)."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(sheet)).pages[0]
    found: list[tuple] = []

    def visit(text, cm, tm, font, size):
        if text.strip() == FOOTER_SAMPLE and font is not None:
            found.append((_matrix_product(tm, cm), font, size))

    page.extract_text(visitor_text=visit)
    if len(found) != 1:
        raise ValueError("the footer sheet has no footer text")
    matrix, font, size = found[0]
    codes: dict[str, str] = {}
    for code, char in re.findall(
        rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>", font["/ToUnicode"].get_data()
    ):
        codes.setdefault(chr(int(char, 16)), code.decode("ascii"))
    widths_by_code = _cid_widths(font["/DescendantFonts"][0].get_object())
    widths = {ch: widths_by_code.get(int(code, 16), 1000.0) for ch, code in codes.items()}
    points = size * abs(matrix[3])
    x, y = matrix[4], matrix[5]
    right = x + sum(widths[ch] for ch in FOOTER_SAMPLE) * points / 1000
    return FooterMetrics(sheet, str(font["/BaseFont"]), codes, widths, points, right, y)


def _cid_widths(cid_font) -> dict[int, float]:
    """The /W array of a CID font: `c [w1 w2 ...]` and `c_first c_last w` runs."""
    widths: dict[int, float] = {}
    items = list(cid_font.get("/W", []))
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], list):
            for offset, width in enumerate(items[i + 1]):
                widths[first + offset] = float(width)
            i += 2
        else:
            for code in range(first, int(items[i + 1]) + 1):
                widths[code] = float(items[i + 2])
            i += 3
    return widths


# Object bodies are rewritten token by token: strings are passed over (a card title may read
# "3 0 R"), references renumbered, structure parent keys shifted.
_TOKENS = re.compile(
    rb"\((?:[^\\()]|\\.)*\)"  # a literal string (pydyf escapes every parenthesis)
    rb"|<[0-9A-Fa-f\s]*>"  # a hex string
    rb"|(?<![\d.])(\d+) 0 R(?![A-Za-z])"  # a reference
    rb"|/StructParents? (\d+)",
    re.DOTALL,
)
_CONTENTS = re.compile(rb"/Contents (\d+) 0 R")

# Object numbers of what the assembled file makes anew; the parts' numbers start above.
CATALOG, PAGES, STRUCT_ROOT, DOCUMENT, PARENT_TREE, OUTLINES, INFO, OPENING = range(1, 9)
FIRST_FREE = 16


class _Output:
    """The assembled file, written as it goes; remembers where each object is for the
    cross-reference stream."""

    def __init__(self, out) -> None:
        self.out = out
        self.offsets: dict[int, int] = {}
        self.in_streams: dict[int, tuple[int, int]] = {}
        self.position = 0
        self.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def stream(self, number: int, header: bytes, data: bytes) -> None:
        """HEADER: the dictionary's entries other than /Length."""
        self.object(number, b"<<%s /Length %d>>\nstream\n%s\nendstream" % (header, len(data), data))

    def finish(self, size: int, trailer: bytes) -> None:
        numbers = sorted({0, *self.offsets, *self.in_streams})
        rows = []
        for number in numbers:
            if number == 0:
                rows.append((0, 0, 65535))
            elif number in self.offsets:
                rows.append((1, self.offsets[number], 0))
            else:
                rows.append((2, *self.in_streams[number]))
        index = []
        for number in numbers:
            if index and index[-1][0] + index[-1][1] == number:
                index[-1][1] += 1
            else:
                index.append([number, 1])
        xref = size
        numbers.append(xref)
        rows.append((1, self.position, 0))
        if index[-1][0] + index[-1][1] == xref:
            index[-1][1] += 1
        else:
            index.append([xref, 1])
        data = b"".join(
            kind.to_bytes(1, "big") + a.to_bytes(4, "big") + b.to_bytes(2, "big")
            for kind, a, b in rows
        )
        start = self.position
        spans = " ".join(f"{a} {n}" for a, n in index).encode()
        self.stream(
            xref,
            b"/Type /XRef /W [1 4 2] /Index [%s] /Size %d %s /Filter /FlateDecode"
            % (spans, xref + 1, trailer),
            zlib.compress(data),
        )
        self.write(b"startxref\n%d\n%%%%EOF\n" % start)


def _serialise(obj) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _remap_object(obj, remap):
    """OBJ (a pypdf object) with every reference renumbered by REMAP."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(obj, IndirectObject):
        return IndirectObject(remap(obj.idnum), 0, None)
    if isinstance(obj, DictionaryObject):
        for key, value in list(obj.items()):
            obj[key] = _remap_object(value, remap)
    elif isinstance(obj, ArrayObject):
        for i, value in enumerate(obj):
            obj[i] = _remap_object(value, remap)
    return obj


@dataclass
class _Part:
    """One part's file, opened, and how its objects are renumbered into the whole.

    pypdf reads the cross-reference table and the few objects the whole is built from;
    the rest are copied as their bytes, renumbered (pypdf would parse every object of an
    object stream the first time one of them is asked for: most of the file)."""

    reader: object
    offset: int
    bodies: dict[int, bytes]  # each object in an object stream: its bytes
    streams: dict[int, list[int]]  # each object stream: the objects in it, in order
    pages: list[int] = field(default_factory=list)  # the page objects' numbers, in order
    skip: set[int] = field(default_factory=set)  # objects the whole makes anew
    special: dict[int, int] = field(default_factory=dict)
    fonts: int | None = None
    key_offset: int = 0

    def remap(self, number: int) -> int:
        return self.special.get(number, number + self.offset)

    def get(self, ref):
        """The object REF (a reference or a number) refers to, parsed by pypdf."""
        from pypdf.generic import IndirectObject, read_object

        number = ref.idnum if isinstance(ref, IndirectObject) else ref
        if number in self.bodies:
            return read_object(io.BytesIO(self.bodies[number]), self.reader)
        return self.reader.get_object(number)

    @property
    def root(self):
        return self.get(self.reader.trailer.raw_get("/Root"))

    @property
    def size(self) -> int:
        """Object numbers this part takes: its own, and one footer stream per page."""
        numbers = set(self.reader.xref_objStm)
        for table in self.reader.xref.values():
            numbers.update(table)
        return max(numbers) + 1 + len(self.pages)


def _open_part(data: bytes, offset: int) -> _Part:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    bodies: dict[int, bytes] = {}
    streams: dict[int, list[int]] = {}
    for number in sorted({where[0] for where in reader.xref_objStm.values()}):
        stream = reader.get_object(number)
        content = stream.get_data()
        first = int(stream["/First"])
        header = content[:first].split()
        entries = [(int(header[i]), int(header[i + 1])) for i in range(0, len(header), 2)]
        ends = [start for _, start in entries[1:]] + [len(content) - first]
        streams[number] = [member for member, _ in entries]
        for (member, start), end in zip(entries, ends, strict=True):
            bodies[member] = content[first + start : first + end].strip()
    part = _Part(reader, offset, bodies, streams)
    root_ref = reader.trailer.raw_get("/Root")
    root = part.get(root_ref)
    pages_ref = root.raw_get("/Pages")
    part.pages = [kid.idnum for kid in part.get(pages_ref)["/Kids"]]
    struct = root.raw_get("/StructTreeRoot")
    struct_root = part.get(struct)
    document = struct_root["/K"][0]
    part.skip = {root_ref.idnum, pages_ref.idnum, struct.idnum, document.idnum}
    part.skip.add(struct_root.raw_get("/ParentTree").idnum)
    if "/Outlines" in root:
        part.skip.add(root.raw_get("/Outlines").idnum)
        part.skip.update(number for number, *_ in _outline_items(part, root.raw_get("/Outlines")))
    info = reader.trailer.raw_get("/Info")
    if info is not None:
        part.skip.add(info.idnum)
    part.special = {pages_ref.idnum: PAGES, document.idnum: DOCUMENT, struct.idnum: STRUCT_ROOT}
    resources = part.get(part.get(part.pages[0]).raw_get("/Resources"))
    fonts = resources.raw_get("/Font") if "/Font" in resources else None
    part.fonts = fonts.idnum if fonts is not None else None
    return part


def _outline_items(part: _Part, ref, depth: int = 0):
    """(number, depth, title, destination) of every outline item below REF, in order."""
    node = part.get(ref)
    child = node.raw_get("/First") if "/First" in node else None
    while child is not None:
        item = part.get(child)
        yield child.idnum, depth, item["/Title"], item["/Dest"]
        yield from _outline_items(part, child, depth + 1)
        child = item.raw_get("/Next") if "/Next" in item else None


def _copy_objects(part: _Part, output: _Output, *, contents: dict[int, int], font: bytes):
    """Every object of PART but the skipped ones, renumbered; a numbered page's contents
    get the footer stream of CONTENTS, and the fonts the footer's FONT entry."""
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    def rewrite(number: int, body: bytes) -> bytes:
        def token(match):
            if match.group(1) is not None:
                return b"%d 0 R" % part.remap(int(match.group(1)))
            if match.group(2) is not None:
                key = int(match.group(2)) + part.key_offset
                return match.group(0)[: match.start(2) - match.start(0)] + b"%d" % key
            return match.group(0)

        body = _TOKENS.sub(token, body)
        if number in contents:
            body = _CONTENTS.sub(
                lambda m: (
                    b"/Contents [%d 0 R %s 0 R %d 0 R]" % (OPENING, m.group(1), contents[number])
                ),
                body,
                count=1,
            )
        if number == part.fonts and font:
            body = body.replace(b"<<", b"<<" + font + b" ", 1)
        return body

    for stream, members in part.streams.items():
        kept = [number for number in members if number not in part.skip]
        stream_number = part.remap(stream)
        bodies, offsets, position = [], [], 0
        for index, number in enumerate(kept):
            output.in_streams[part.remap(number)] = (stream_number, index)
            body = rewrite(number, part.bodies[number]) + b"\n"
            offsets.append(position)
            position += len(body)
            bodies.append(body)
        table = b" ".join(
            b"%d %d" % (part.remap(number), start)
            for number, start in zip(kept, offsets, strict=True)
        )
        table += b"\n"
        output.stream(
            stream_number,
            b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode" % (len(kept), len(table)),
            zlib.compress(table + b"".join(bodies)),
        )
    for number in sorted(part.reader.xref.get(0, {})):
        if number in part.skip or number in part.streams:
            continue
        obj = part.reader.get_object(number)
        if isinstance(obj, StreamObject):
            if obj.get("/Type") == "/XRef":
                continue
            header = DictionaryObject(
                {k: v for k, v in obj.items() if k != "/Length"}
                | {NameObject("/Length"): _number(len(obj._data))}
            )
            output.object(
                part.remap(number),
                rewrite(number, _serialise(header)) + b"\nstream\n" + obj._data + b"\nendstream",
            )
        else:
            output.object(part.remap(number), rewrite(number, _serialise(obj)))


def _number(value: int):
    from pypdf.generic import NumberObject

    return NumberObject(value)


_NUMS_ENTRY = re.compile(rb"(\d+)\s*(\[[^\]]*\]|\d+ 0 R)")


def _copy_parent_tree(part: _Part, ref, nums: list[bytes]) -> int:
    """Append PART's parent tree entries to NUMS, keys shifted by its key offset and values
    renumbered; returns the next free key. WeasyPrint writes one flat /Nums array: a page's
    key and the array of its marked contents' elements, or a link's key and its element."""
    body = part.bodies.get(ref.idnum)
    if body is None or b"/Kids" in body:
        raise ValueError("a part's parent tree is not one flat /Nums array")
    keys = part.key_offset
    inner = body[body.index(b"[") + 1 : body.rindex(b"]")]
    for match in _NUMS_ENTRY.finditer(inner):
        key = int(match.group(1)) + part.key_offset
        value = _TOKENS.sub(
            lambda m: b"%d 0 R" % part.remap(int(m.group(1))) if m.group(1) else m.group(0),
            match.group(2),
        )
        nums.append(b"%d %s" % (key, value))
        keys = max(keys, key + 1)
    return keys


def _write_outline(output: _Output, items, page_refs: list[int], first_number: int) -> int:
    """The outline from ITEMS (depth, page index, title, (x, y)) in document order; returns
    the next free object number."""
    from pypdf.generic import TextStringObject

    nodes = [
        {"number": first_number + i, "depth": depth, "page": page, "title": title, "at": at}
        for i, (depth, page, title, at) in enumerate(items)
    ]
    top = {"number": OUTLINES, "children": [], "depth": -1}
    stack = [top]
    for node in nodes:
        node["children"] = []
        while stack[-1]["depth"] >= node["depth"]:
            stack.pop()
        node["parent"] = stack[-1]
        stack[-1]["children"].append(node)
        stack.append(node)

    def count(node) -> int:
        return sum(1 + count(child) for child in node["children"])

    def links(node) -> bytes:
        kids = node["children"]
        if not kids:
            return b""
        return b" /First %d 0 R /Last %d 0 R /Count %d" % (
            kids[0]["number"],
            kids[-1]["number"],
            count(node),
        )

    for node in nodes:
        siblings = node["parent"]["children"]
        i = siblings.index(node)
        body = b"<</Title %s /Parent %d 0 R /Dest [%d 0 R /XYZ %s %s 0]" % (
            _serialise(TextStringObject(node["title"])),
            node["parent"]["number"],
            page_refs[node["page"]],
            _serialise(node["at"][0]),
            _serialise(node["at"][1]),
        )
        if i > 0:
            body += b" /Prev %d 0 R" % siblings[i - 1]["number"]
        if i + 1 < len(siblings):
            body += b" /Next %d 0 R" % siblings[i + 1]["number"]
        output.object(node["number"], body + links(node) + b">>")
    output.object(OUTLINES, b"<</Type /Outlines" + links(top) + b">>")
    return first_number + len(nodes)


def assemble(parts: Sequence[PartPdf], out, *, footer: FooterMetrics, unnumbered: int = 1) -> int:
    """Write PARTS as one PDF to the binary file OUT and return its page count; the first
    UNNUMBERED pages (the cover) get no footer. One part is open at a time."""
    from pypdf.generic import DictionaryObject, TextStringObject

    output = _Output(out)
    output.stream(OPENING, b"", b"q\n")
    # The footer's font: the sheet's objects are copied (only its font is referred to).
    sheet = _open_part(footer.sheet, FIRST_FREE)
    font = next(
        ref.idnum
        for ref in sheet.get(sheet.fonts).values()
        if sheet.get(ref)["/BaseFont"] == footer.font_name
    )
    sheet.special = {}  # its page tree and structure stay its own, referred to by nothing
    _copy_objects(sheet, output, contents={}, font=b"")
    footer_font = b"%s %d 0 R" % (FOOTER_FONT.encode(), sheet.remap(font))
    offset = FIRST_FREE + sheet.size

    total = sum(part.pages for part in parts)
    page_refs: list[int] = []
    document_kids: list[bytes] = []
    parent_nums: list[bytes] = []
    names: dict[bytes, bytes] = {}
    outline: list[tuple] = []
    key_offset = 0
    catalog = b""
    info = DictionaryObject()
    for i, part_pdf in enumerate(parts):
        part = _open_part(part_pdf.data, offset)
        part.key_offset = key_offset
        root = part.root
        if i == 0:
            if "/Lang" in root:
                catalog += b" /Lang " + _serialise(TextStringObject(str(root["/Lang"])))
            if "/Metadata" in root:
                catalog += b" /Metadata %d 0 R" % part.remap(root.raw_get("/Metadata").idnum)
            info_ref = part.reader.trailer.raw_get("/Info")
            if info_ref is not None:
                info = DictionaryObject(
                    {k: TextStringObject(str(v)) for k, v in part.get(info_ref).items()}
                )
        elif "/Metadata" in root:
            part.skip.add(root.raw_get("/Metadata").idnum)
        first_footer = offset + part.size - len(part.pages)
        contents = {}
        for j, page in enumerate(part.pages):
            page_refs.append(part.remap(page))
            number = len(page_refs)
            if number > unnumbered:
                contents[page] = first_footer + j
                output.stream(
                    first_footer + j,
                    b" /Filter /FlateDecode",
                    zlib.compress(b"Q\n" + footer.text_operators(f"Side {number} af {total}")),
                )
        _copy_objects(part, output, contents=contents, font=footer_font)
        # The part's tree under the one Document element; its parent tree keys shifted.
        struct_root = part.get(root.raw_get("/StructTreeRoot"))
        for kid in part.get(struct_root["/K"][0])["/K"]:
            document_kids.append(b"%d 0 R" % part.remap(kid.idnum))
        key_offset = _copy_parent_tree(part, struct_root.raw_get("/ParentTree"), parent_nums)
        dests = root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        for k in range(0, len(dests), 2):
            # A later part's anchor wins: the front's stand-ins give way to the cards.
            name = str(dests[k])
            names[name.encode("utf-8")] = (
                _serialise(TextStringObject(name))
                + b" "
                + _serialise(_remap_object(dests[k + 1], part.remap))
            )
        if "/Outlines" in root:
            index_of = {number: j for j, number in enumerate(part.pages)}
            first_page = len(page_refs) - len(part.pages)
            shift = 1 if part_pdf.continues and outline else 0
            items = _outline_items(part, root.raw_get("/Outlines"))
            for _number, depth, title, dest in items:
                page = first_page + index_of[dest[0].idnum]
                outline.append((depth + shift, page, str(title), (dest[2], dest[3])))
        offset += part.size
        del part, root, struct_root, dests

    output.object(
        PAGES,
        b"<</Type /Pages /Kids [%s] /Count %d>>"
        % (b" ".join(b"%d 0 R" % n for n in page_refs), len(page_refs)),
    )
    output.object(
        STRUCT_ROOT,
        b"<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>"
        % (DOCUMENT, PARENT_TREE, key_offset),
    )
    output.object(
        DOCUMENT,
        b"<</Type /StructElem /S /Document /K [%s] /P %d 0 R>>"
        % (b" ".join(document_kids), STRUCT_ROOT),
    )
    output.object(PARENT_TREE, b"<</Nums [%s]>>" % b"\n".join(parent_nums))
    if outline:
        offset = _write_outline(output, outline, page_refs, offset)
        catalog += b" /Outlines %d 0 R" % OUTLINES
    if names:
        catalog += b" /Names <</Dests <</Names [%s]>>>>" % b"\n".join(
            names[key] for key in sorted(names)
        )
    output.object(
        CATALOG,
        b"<</Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /MarkInfo <</Marked true>>"
        b" /ViewerPreferences <</DisplayDocTitle true>>%s>>" % (PAGES, STRUCT_ROOT, catalog),
    )
    output.object(INFO, _serialise(info))
    output.finish(offset, b"/Root %d 0 R /Info %d 0 R" % (CATALOG, INFO))
    return len(page_refs)
