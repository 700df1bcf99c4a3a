"""What is printed in a PDF's margins, drawn with HarfBuzz and pikepdf rather
than laid out by WeasyPrint: the candidate's header (who the copy is for and
the date) and the page furniture (the part each page belongs to, the footer
and "Page N of M").

Everything else on a page is laid out once whoever it is printed for and
wherever its pages fall (see `pdf_jobs`). The margins are what change: the
candidate from one copy to the next, the page numbers between a packet and
the kit that holds it. Laid out by WeasyPrint they cost an import of most of
a second (for the header) and a layout of every page (for the furniture),
for a few lines of text. Here each box's text is shaped by HarfBuzz
(uharfbuzz), each run in the first font of the stylesheet's stack that has
its characters (so a name in Chinese, Arabic or Hebrew prints in the font
the content would use), cut with "…" where it is wider than its box, and
written as a PDF of one page per page it is drawn over, with HarfBuzz
subsets of its fonts embedded. It is drawn over the content as an artifact.
A cold build draws it the same way, so a candidate's PDFs are the same
whichever build made them.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rubricgen.documents import Page
from rubricgen.output import BuildFailed
from rubricgen.renderer import native

if TYPE_CHECKING:
    import pikepdf

    from rubricgen.views import DocumentView

ELLIPSIS = "…"
BLANK_NAME = "_" * 22
BLANK_DATE = "_" * 12
POINTS_PER_MM = 72 / 25.4
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
Colour = tuple[float, float, float]
BLACK: Colour = (0.0, 0.0, 0.0)
FOOTER_GREY: Colour = (0.2, 0.2, 0.2)


@dataclass(frozen=True)
class MarginBox:
    """Text in a box of a margin, in points from the page's left, set at
    the box's left, centre or right."""

    text: str
    left: float
    width: float
    align: Literal["left", "centre", "right"] = "left"


@dataclass(frozen=True)
class MarginLine:
    """One line of boxes, centred in the top margin or the bottom one."""

    boxes: tuple[MarginBox, ...]
    size: float
    colour: Colour = BLACK
    bottom: bool = False


@dataclass(frozen=True)
class Margins:
    """The margins of each page of a PDF (the lines of each), on pages of
    this size (points) whose top and bottom margins are `margin` high, set
    in `families` (a CSS font stack, first choice first)."""

    width: float
    height: float
    margin: float
    pages: tuple[tuple[MarginLine, ...], ...]
    families: tuple[str, ...]


@dataclass(frozen=True)
class Style:
    """What print.css gives the margins: its root's font stack and colour."""

    families: tuple[str, ...]
    colour: Colour

    @classmethod
    def of(cls, stylesheet: str) -> Style:
        return cls(font_stack(stylesheet), root_colour(stylesheet))


def person_header(document: DocumentView, page: Page, style: Style) -> Margins:
    """The header of `document`'s copy for its candidate (or the person a
    rubric is for) on `page`, at 8 pt: who, in the left 40% of the line, and
    the date in the middle fifth; blank lines to write on where either is
    not known. The part's name takes the right of the line (`furniture`)."""
    occasion = document.occasion
    width = page.width * POINTS_PER_MM
    left, line = page.margin_inline * POINTS_PER_MM, page.content_width * POINTS_PER_MM
    who = f"{document.person_label}: {occasion.candidate or BLANK_NAME}"
    when = f"Date: {occasion.date or BLANK_DATE}"
    boxes = (
        MarginBox(who, left, 0.4 * line),
        MarginBox(when, (width - 0.2 * line) / 2, 0.2 * line, "centre"),
    )
    return _sized(page, ((MarginLine(boxes, 8.0, style.colour),),), style)


def furniture(footer: str, labels: list[str], page: Page, style: Style) -> Margins:
    """The furniture of a PDF whose pages belong to the parts `labels` (one
    per page): the part's name at the right of the top line (8 pt, the
    right 38%); the footer in the left 84% of the bottom line and "Page N of
    M" in its right 15% (7.5 pt, in grey), each on one line."""
    left, line = page.margin_inline * POINTS_PER_MM, page.content_width * POINTS_PER_MM
    pages = []
    for number, label in enumerate(labels, start=1):
        top = MarginLine(
            (MarginBox(label, left + 0.62 * line, 0.38 * line, "right"),), 8.0, style.colour
        )
        bottom = MarginLine(
            (
                MarginBox(footer, left, 0.84 * line),
                MarginBox(
                    f"Page {number} of {len(labels)}", left + 0.85 * line, 0.15 * line, "right"
                ),
            ),
            7.5,
            FOOTER_GREY,
            bottom=True,
        )
        pages.append((top, bottom) if label else (bottom,))
    return _sized(page, tuple(pages), style)


def _sized(page: Page, pages: tuple[tuple[MarginLine, ...], ...], style: Style) -> Margins:
    return Margins(
        page.width * POINTS_PER_MM,
        page.height * POINTS_PER_MM,
        page.margin_block * POINTS_PER_MM,
        pages,
        style.families,
    )


def font_stack(stylesheet: str) -> tuple[str, ...]:
    """The families `stylesheet` sets on the root element (print.css sets the
    one font stack there), in order; else those of its first `font-family`."""
    declared = r"font-family\s*:\s*([^;}]+)"
    found = re.search(declared, root_rule(stylesheet)) or re.search(declared, stylesheet)
    if found is None:
        return ("sans-serif",)
    return tuple(part.strip().strip("\"'") for part in found.group(1).split(",") if part.strip())


def root_colour(stylesheet: str) -> Colour:
    """The colour `stylesheet`'s root rule sets, when it is written in hex
    (as print.css writes it); else black."""
    found = re.search(
        r"(?<![-\w])color\s*:\s*#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b", root_rule(stylesheet)
    )
    if found is None:
        return BLACK
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (red, green, blue)


def root_rule(stylesheet: str) -> str:
    """The first `:root { ... }` rule of `stylesheet` (print.css's: the
    colour and font stack of the margins), or nothing."""
    found = re.search(r":root\s*\{[^{}]*\}", stylesheet)
    return found.group() if found else ""


def draw_margins(margins: Margins) -> bytes:
    """The margins as a PDF of one page per page they are drawn over."""
    from rubricgen.renderer.overlay import to_bytes

    return to_bytes(margins_pdf(margins))


def margins_pdf(margins: Margins) -> pikepdf.Pdf:
    """The margins as a PDF of one page per page they are drawn over, open
    (to be drawn over a PDF in the same process, never written)."""
    import pikepdf
    from pikepdf import Dictionary

    fonts = _fonts(margins.families)
    # Each line's middle halfway down its margin, as the first font sets it.
    first = fonts[0]
    pdf = pikepdf.new()
    # Each font's name in the pages' resources, and the glyphs drawn with it
    # (code: the text it stands for), in the order the fonts are first used.
    used: dict[_Font, dict[int, str]] = {}
    streams: list[bytes] = []
    for lines in margins.pages:
        content: list[bytes] = []
        for line in lines:
            middle = margins.margin / 2 if line.bottom else margins.height - margins.margin / 2
            y = middle - (first.ascender + first.descender) / 2 * line.size
            content.append(b"%.3f %.3f %.3f rg" % line.colour)
            for box in line.boxes:
                content += _drawn(box, y, line.size, fonts, used)
        streams.append(b"\n".join(content) + b"\n")
    resources = pdf.make_indirect(Dictionary())
    for stream in streams:
        pdf.add_blank_page(page_size=(margins.width, margins.height))
        page = pdf.pages[-1]
        page.obj.Resources = resources
        page.obj.Contents = pdf.make_stream(stream)
    names = {f"/F{n}": _embed(pdf, font, used[font]) for n, font in enumerate(used, 1)}
    resources.Font = Dictionary(names)
    return pdf


def _drawn(
    box: MarginBox,
    y: float,
    size: float,
    fonts: tuple[_Font, ...],
    used: dict[_Font, dict[int, str]],
) -> list[bytes]:
    """The operators drawing `box`'s text on the baseline `y`, its glyphs
    noted in `used`. The code drawn is the glyph's number in the font: a
    TrueType subset keeps the numbers; a CFF font's CIDs are its glyph
    numbers (as in the Noto CJK fonts), and its subset keeps them in its
    charset."""
    glyphs, width = _fitted(box.text, box.width, fonts, size)
    x = box.left
    if box.align == "centre":
        x += (box.width - width) / 2
    elif box.align == "right":
        x += box.width - width
    content = []
    for font, run in glyphs:
        chosen = used.setdefault(font, {})
        name = f"/F{list(used).index(font) + 1}"
        content.append(b"BT")
        content.append(b"%s %.2f Tf" % (name.encode(), size))
        for code, advance, x_offset, y_offset, text in run:
            if code not in chosen or (text and not chosen[code]):
                chosen[code] = text
            content.append(b"1 0 0 1 %.3f %.3f Tm <%04X> Tj" % (x + x_offset, y + y_offset, code))
            x += advance
        content.append(b"ET")
    return content


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
            "the page margins cannot be drawn; install one (on Debian, "
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


@functools.lru_cache(maxsize=1024)
def _fitted(text: str, width: float, fonts: tuple[_Font, ...], size: float) -> tuple[Shaped, float]:
    """`text` shaped, cut short with "…" where it is wider than `width` (the
    longest start of it that fits with "…" after it; "…" alone at least).
    Kept for the next page, whose footer and part are this page's: the
    caller only reads what it gets."""
    shaped, used = _shaped(text, fonts, size)
    if used <= width:
        return shaped, used

    def cut(length: int) -> tuple[Shaped, float]:
        return _shaped(text[:length].rstrip() + ELLIPSIS, fonts, size)

    # A longer start is never narrower, so the longest that fits is found by
    # halving: a handful of shapings, not one per character cut.
    shortest, longest = 0, len(text) - 1
    while shortest < longest:
        middle = (shortest + longest + 1) // 2
        if cut(middle)[1] <= width:
            shortest = middle
        else:
            longest = middle - 1
    return cut(shortest)


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
            f"HarfBuzz could not take the glyphs of the page margins out of the font "
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
