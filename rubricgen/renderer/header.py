"""The candidate's header: who the copy is for and the date, at the top of
every page, drawn with HarfBuzz and pikepdf rather than laid out by
WeasyPrint.

Everything else on a page is laid out once whoever it is printed for (see
`pdf_jobs`); the header is all that changes from one candidate to the next.
Laying it out with WeasyPrint meant importing WeasyPrint, most of a second,
for one line of text. Here each box's text is shaped by HarfBuzz (uharfbuzz),
each run in the first font of the stylesheet's stack that has its
characters (so a name in Chinese, Arabic or Hebrew prints in the font the
content would use), cut with "…" where it is wider than its box, and written
as a one-page PDF with HarfBuzz subsets of its fonts embedded. It is drawn
over every page like the rest of the furniture, as an artifact. A cold build
draws it the same way, so a candidate's PDFs are the same whichever build
made them.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rubricgen.documents import Page
from rubricgen.output import BuildFailed
from rubricgen.renderer import native
from rubricgen.views import DocumentView

if TYPE_CHECKING:
    import pikepdf

ELLIPSIS = "…"
BLANK_NAME = "_" * 22
BLANK_DATE = "_" * 12
POINTS_PER_MM = 72 / 25.4
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


@dataclass(frozen=True)
class HeaderBox:
    """One line of text in the top margin, in points from the page's left."""

    text: str
    left: float
    width: float
    centred: bool = False


@dataclass(frozen=True)
class Header:
    """A page's header: its boxes, on a page of this size (points), set in
    `families` (a CSS font stack, first choice first) at `size` points,
    centred in the top margin."""

    width: float
    height: float
    margin_top: float
    boxes: tuple[HeaderBox, ...]
    families: tuple[str, ...]
    size: float = 8.0


def person_header(document: DocumentView, page: Page, families: tuple[str, ...]) -> Header:
    """The header of `document`'s copy for its candidate (or the person a
    rubric is for) on `page`: who, in the left 40% of the line, and the
    date in the middle fifth; blank lines to write on where either is not
    known. The part's name takes the right of the line (pdf.j2.css)."""
    occasion = document.occasion
    width, height = page.width * POINTS_PER_MM, page.height * POINTS_PER_MM
    left, line = page.margin_inline * POINTS_PER_MM, page.content_width * POINTS_PER_MM
    who = f"{document.person_label}: {occasion.candidate or BLANK_NAME}"
    when = f"Date: {occasion.date or BLANK_DATE}"
    boxes = (
        HeaderBox(who, left, 0.4 * line),
        HeaderBox(when, (width - 0.2 * line) / 2, 0.2 * line, centred=True),
    )
    return Header(width, height, page.margin_block * POINTS_PER_MM, boxes, families)


def font_stack(stylesheet: str) -> tuple[str, ...]:
    """The families `stylesheet` sets on the root element (print.css sets the
    one font stack there), in order; else those of its first `font-family`."""
    declared = r"font-family\s*:\s*([^;}]+)"
    found = re.search(declared, root_rule(stylesheet)) or re.search(declared, stylesheet)
    if found is None:
        return ("sans-serif",)
    return tuple(part.strip().strip("\"'") for part in found.group(1).split(",") if part.strip())


def root_rule(stylesheet: str) -> str:
    """The first `:root { ... }` rule of `stylesheet` (print.css's: the
    colour and font stack every page's furniture inherits), or nothing."""
    found = re.search(r":root\s*\{[^{}]*\}", stylesheet)
    return found.group() if found else ""


def draw_header(header: Header) -> bytes:
    """The header as a one-page PDF, to be drawn over every page."""
    import pikepdf
    from pikepdf import Dictionary

    from rubricgen.renderer.overlay import to_bytes

    fonts = _fonts(header.families)
    # The line's middle halfway down the top margin, as the first font sets it.
    first = fonts[0]
    baseline = header.margin_top / 2 + (first.ascender + first.descender) / 2 * header.size
    y = header.height - baseline
    runs: list[tuple[_Font, list[tuple[int, float, float, str]]]] = []
    content = []
    for box in header.boxes:
        glyphs, width = _fitted(box.text, box.width, fonts, header.size)
        x = box.left + (box.width - width) / 2 if box.centred else box.left
        for font, run in glyphs:
            placed = []
            for gid, advance, x_offset, y_offset, text in run:
                placed.append((gid, x + x_offset, y + y_offset, text))
                x += advance
            runs.append((font, placed))
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(header.width, header.height))
    # Each font's name in the page's resources, and the glyphs drawn with it
    # (code: the text it stands for), in the order the fonts are first used.
    used: dict[_Font, dict[int, str]] = {}
    for font, placed in runs:
        chosen = used.setdefault(font, {})
        name = f"/F{list(used).index(font) + 1}"
        content.append(b"BT")
        content.append(b"%s %.2f Tf" % (name.encode(), header.size))
        # The code drawn is the glyph's number in the font: a TrueType subset
        # keeps the numbers; a CFF font's CIDs are its glyph numbers (as in
        # the Noto CJK fonts), and its subset keeps them in its charset.
        for code, x, y, text in placed:
            if code not in chosen or (text and not chosen[code]):
                chosen[code] = text
            content.append(b"1 0 0 1 %.3f %.3f Tm <%04X> Tj" % (x, y, code))
        content.append(b"ET")
    fonts_used = {f"/F{n}": _embed(pdf, font, used[font]) for n, font in enumerate(used, 1)}
    page = pdf.pages[0]
    page.obj.Resources = Dictionary(Font=Dictionary(fonts_used))
    page.obj.Contents = pdf.make_stream(b"\n".join(content) + b"\n")
    return to_bytes(pdf)


class _Font:
    """A font file (or one face of a collection), opened by HarfBuzz."""

    def __init__(self, path: str, index: int) -> None:
        import uharfbuzz as hb

        self.path, self.index = path, index
        self.key = f"{path}#{index}"
        self.face = hb.Face(hb.Blob.from_file_path(path), index)
        self.font = hb.Font(self.face)
        self.upem = self.face.upem
        extents = self.font.get_font_extents("ltr")
        self.ascender = extents.ascender / self.upem
        self.descender = extents.descender / self.upem
        self.cff = "CFF " in self.face.table_tags

    def has(self, character: str) -> bool:
        return self.font.get_nominal_glyph(ord(character)) is not None


@functools.cache
def _fonts(families: tuple[str, ...]) -> tuple[_Font, ...]:
    found: list[_Font] = []
    seen = set()
    for family in families:
        match = _match(family)
        if match is None or match in seen:
            continue
        seen.add(match)
        found.append(_Font(*match))
    if not found:
        raise BuildFailed(
            f"No font of print.css's font stack ({', '.join(families)}) is installed, so "
            "the candidate's header cannot be drawn; install one (on Debian, "
            "fonts-dejavu-core) and build again."
        )
    return tuple(found)


def _runs(text: str, fonts: tuple[_Font, ...]) -> list[tuple[_Font, str]]:
    """`text` cut into runs of one font and one script, as a browser would:
    each character in the first font of the stack that has it, a new run
    where the script changes (so that a name in Arabic is shaped as Arabic
    after a Latin label); spaces, punctuation and combining marks stay in
    the run before them when its font has them."""
    runs: list[tuple[_Font, str, str]] = []
    for character in text:
        script = _script(character)
        if runs and script in _COMMON and runs[-1][0].has(character):
            runs[-1] = (runs[-1][0], runs[-1][1] + character, runs[-1][2])
            continue
        font = next((f for f in fonts if f.has(character)), runs[-1][0] if runs else fonts[0])
        if runs and runs[-1][0] is font and runs[-1][2] in (script, *_COMMON):
            runs[-1] = (font, runs[-1][1] + character, script)
        else:
            runs.append((font, character, script))
    # Spaces at either end of a right-to-left run belong to the line around
    # it (left to right): kept in the run, they would be drawn on its far side.
    split: list[tuple[_Font, str]] = []
    for font, run, script in runs:
        core = run.strip()
        if script not in _RIGHT_TO_LEFT or not core or core == run:
            split.append((font, run))
            continue
        start = run.index(core)
        pieces = (run[:start], core, run[start + len(core) :])
        split += [(font, piece) for piece in pieces if piece]
    return split


_RIGHT_TO_LEFT = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Samr", "Mand"}
_COMMON = ("Zyyy", "Zinh", "Zzzz")
"""Scripts that belong to the text around them: common, inherited, unknown."""


@functools.cache
def _script(character: str) -> str:
    """The script of `character`, as HarfBuzz sees it (an ISO 15924 tag)."""
    import uharfbuzz as hb

    buffer = hb.Buffer()
    buffer.add_codepoints([ord(character)])
    buffer.guess_segment_properties()
    return str(buffer.script or "Zzzz")


Shaped = list[tuple[_Font, list[tuple[int, float, float, float, str]]]]


def _shaped(text: str, fonts: tuple[_Font, ...], size: float) -> tuple[Shaped, float]:
    """`text` shaped: per run, each glyph's number, advance, offsets (points)
    and the text it stands for (empty for the second glyph of a cluster)."""
    import uharfbuzz as hb

    shaped: Shaped = []
    width = 0.0
    for font, run in _runs(text, fonts):
        buffer = hb.Buffer()
        buffer.add_codepoints([ord(character) for character in run])
        buffer.guess_segment_properties()
        hb.shape(font.font, buffer, {})
        scale = size / font.upem
        clusters = sorted({info.cluster for info in buffer.glyph_infos})
        # A cluster is the index of its first character in the run.
        texts = {
            start: run[start:end]
            for start, end in zip(clusters, [*clusters[1:], len(run)], strict=True)
        }
        glyphs = []
        seen = set()
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            text_of = "" if info.cluster in seen else texts[info.cluster]
            seen.add(info.cluster)
            glyphs.append(
                (
                    info.codepoint,
                    position.x_advance * scale,
                    position.x_offset * scale,
                    position.y_offset * scale,
                    text_of,
                )
            )
            width += position.x_advance * scale
        shaped.append((font, glyphs))
    return shaped, width


def _fitted(text: str, width: float, fonts: tuple[_Font, ...], size: float) -> tuple[Shaped, float]:
    """`text` shaped, cut short with "…" where it is wider than `width`."""
    shaped, used = _shaped(text, fonts, size)
    cut = len(text)
    while used > width and cut > 0:
        cut -= 1
        shaped, used = _shaped(text[:cut].rstrip() + ELLIPSIS, fonts, size)
    return shaped, used


def _embed(pdf: pikepdf.Pdf, font: _Font, used: dict[int, str]) -> pikepdf.Dictionary:
    """A Type0 font of `font`'s glyphs `used` (code: the text it stands
    for): a HarfBuzz subset embedded, widths and a ToUnicode map."""
    import uharfbuzz as hb
    from pikepdf import Array, Dictionary, Name

    subset_input = hb.SubsetInput()
    subset_input.glyph_set.update(used)
    if not font.cff:
        subset_input.flags = hb.SubsetFlags.RETAIN_GIDS
    subset = hb.subset(font.face, subset_input)
    if subset is None:
        raise BuildFailed(
            f"HarfBuzz could not take the glyphs of the candidate's header out of the font "
            f"{font.path}; name another font first in print.css's font stack."
        )
    # A CFF font goes in as its bare CFF table, whose charset maps each CID
    # (the code drawn) to its glyph in the subset.
    data = bytes(subset.reference_table("CFF ").data if font.cff else subset.blob.data)
    # The subset's tag: six capitals, the same for the same glyphs.
    seen = hashlib.sha256(repr(sorted(used)).encode()).digest()
    tag = "".join(chr(ord("A") + byte % 26) for byte in seen[:6])
    base = f"{tag}+{_postscript_name(font)}"
    scale = 1000 / font.upem
    widths: list[Any] = []
    for code in sorted(used):
        widths += [code, Array([round(font.font.get_glyph_h_advance(code) * scale)])]
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/" + base),
        Flags=32,
        FontBBox=Array([-1000, round(font.descender * 1000), 2000, round(font.ascender * 1000)]),
        ItalicAngle=0,
        Ascent=round(font.ascender * 1000),
        Descent=round(font.descender * 1000),
        CapHeight=round(font.ascender * 1000),
        StemV=80,
    )
    if font.cff:
        descriptor.FontFile3 = pdf.make_stream(data, Subtype=Name.CIDFontType0C)
    else:
        descriptor.FontFile2 = pdf.make_stream(data)
    cid_font = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType0 if font.cff else Name.CIDFontType2,
        BaseFont=Name("/" + base),
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        W=Array(widths),
    )
    if not font.cff:
        cid_font.CIDToGIDMap = Name.Identity
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name("/" + base),
            Encoding=Name("/Identity-H"),
            DescendantFonts=Array([pdf.make_indirect(cid_font)]),
            ToUnicode=pdf.make_stream(_to_unicode(used)),
        )
    )


def _postscript_name(font: _Font) -> str:
    import uharfbuzz as hb

    name = font.face.get_name(hb.OTNameIdPredefined.POSTSCRIPT_NAME) or Path(font.path).stem
    return re.sub(r"[^A-Za-z0-9-]", "", name) or "Font"


def _to_unicode(used: dict[int, str]) -> bytes:
    """A ToUnicode CMap: each code to the text its glyph stands for."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    pairs = [(code, text) for code, text in sorted(used.items()) if text]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for code, text in chunk:
            lines.append(f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()


def _match(family: str) -> tuple[str, int] | None:
    """The font file and face index of `family`, if fontconfig has that
    family (it always answers; a generic family takes its answer)."""
    found = native.match_font(family)
    if found is None:
        return None
    file, index, families = found
    if family.casefold() not in families and family.casefold() not in GENERIC_FAMILIES:
        return None
    return file, index
