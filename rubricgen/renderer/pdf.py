"""Lay out HTML as PDF with WeasyPrint, imported only when a PDF is made
(importing it costs most of a second), and never reaching outside the
template folders: no network, no other file.

Each call lays out one HTML page and writes it as one PDF: the content of
a document part, tagged (PDF/UA-1), with nothing in its margins; they are
drawn over its pages later (see `margins` and `overlay`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

from rubricgen.paths import display_path
from rubricgen.renderer import laying_out, native, parsing, writing
from rubricgen.renderer.fill import fill_pages
from rubricgen.renderer.pdf_forms import tidy_radio_groups, without_fields
from rubricgen.schema.problems import LadderError, Problem


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int
    plain: bytes | None = None
    """For a form: the same pages with no field, their controls printed as
    empty boxes (a packet's pages inside the kit)."""


@functools.lru_cache(maxsize=8)
def _fetcher(allowed: tuple[Path, ...]) -> Any:
    """One fetcher per set of folders and process: making one (its HTTPS
    context and all) took a millisecond of every layout."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class FolderFetcher(URLFetcher):  # type: ignore[misc]
        """Allows `data:` URLs and files inside `allowed`; refuses the rest."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(folder) for folder in allowed):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(url)

    return FolderFetcher()


# Where a template refers to another file: an attribute or a CSS url() or @import.
_REFERENCE = re.compile(
    r"""(?:\b(?:href|src|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])([^"'()\s>]+)"""
)


def refused(url: str, base_url: str, folders: tuple[Path, ...]) -> Problem:
    """The refusal of `url`, located at the template line that refers to it.

    WeasyPrint reports only the URL, resolved; each reference in the template
    folders is resolved the same way until one matches."""
    message = (
        f"The template refers to {url}; only files inside the template folders and data: "
        "URLs may be used, so copy the file into the templates folder and refer to it there."
    )
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in {".html", ".css", ".svg"}):
            try:
                lines = path.read_text(errors="replace").splitlines()
            except OSError:
                continue
            for number, line in enumerate(lines, start=1):
                for match in _REFERENCE.finditer(line):
                    if match.group(1) == url or urljoin(base_url, match.group(1)) == url:
                        return Problem(
                            display_path(path), number, match.start(1) + 1, "template", message
                        )
    return Problem("template", 1, 1, "template", message)


class _Caches:
    """WeasyPrint's font configuration, image cache and parsed stylesheets,
    made once per process and shared by every document it lays out."""

    font_config: Any = None
    images: dict[str, Any] = {}  # noqa: RUF012 (one cache for the process)
    stylesheets: dict[tuple[str, str, str], Any] = {}  # noqa: RUF012
    set_aside: dict[str, str] = {}  # noqa: RUF012 (see `_styles_set_aside`)


# At-rules whose parsing adds to what one document keeps (its counter styles,
# colour profiles and cascade layers) or fetches a file: a stylesheet with
# one of them is parsed for each document, as WeasyPrint does.
_PER_DOCUMENT = re.compile(r"@(?:counter-style|color-profile|layer|import|font-face)\b", re.I)


# Stylesheets kept parsed (and texts set aside) at most, per process.
_KEPT = 64

# The text a `<style>` element of a page's head is left with while its own
# text is set aside (see `_styles_set_aside`).
_SET_ASIDE = re.compile(r"/\* rubricgen set aside ([0-9a-f]{64}) \*/")
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)


def _styles_set_aside(html: str) -> str:
    """`html` with the text of each `<style>` element of its head set aside
    (in `_Caches.set_aside`) and a reference to it left in its place.

    print.css is inlined in every page, and WeasyPrint's HTML parser (in
    Python) reads a style element's text a character at a time: a third of
    the parse of a packet. The parsed page keeps each element where it was,
    so the stylesheet keeps its place in the cascade; `_parsed_once` reads
    the reference and parses the text set aside, once per process."""
    head = html.find("</head>")
    if head < 0:
        return html
    if len(_Caches.set_aside) >= _KEPT:
        _Caches.set_aside.clear()  # before this page's texts are set aside

    def aside(style: re.Match[str]) -> str:
        text = style.group(2)
        if _PER_DOCUMENT.search(text):
            return style.group()
        key = hashlib.sha256(text.encode()).hexdigest()
        _Caches.set_aside[key] = text
        return f"{style.group(1)}/* rubricgen set aside {key} */{style.group(3)}"

    return _STYLE.sub(aside, html[:head]) + html[head:]


def _parsed_once(parse: Any) -> Any:
    """WeasyPrint's stylesheet class `parse`, made to parse each stylesheet
    text once per process: print.css is inlined in every page's HTML and was
    parsed again for each document part (33 ms each, some 3% of a level).

    WeasyPrint parses a page's `<style>` elements through the name `CSS` of
    its module `weasyprint.css`, which this replaces: the sheet is still the
    page's own (the author's, in the cascade), only its parse is kept. A
    parsed sheet holds its selectors, declarations and `@page` rules, which
    no document changes; `_PER_DOCUMENT` lists what it would share. A style
    element whose text was set aside (`_styles_set_aside`) is parsed from
    that text."""

    def parsed(
        *args: Any, string: str | None = None, base_url: str | None = None, **options: Any
    ) -> Any:
        reference = None if string is None else _SET_ASIDE.fullmatch(string.strip())
        if reference is not None:
            string = _Caches.set_aside[reference.group(1)]
        if args or string is None or _PER_DOCUMENT.search(string):
            return parse(*args, string=string, base_url=base_url, **options)
        media = options.get("media_type", "print")
        key = (string, base_url or "", media)
        if key not in _Caches.stylesheets:
            if len(_Caches.stylesheets) >= _KEPT:
                _Caches.stylesheets.clear()  # templates edited many times under --watch
            _Caches.stylesheets[key] = parse(
                string=string,
                base_url=base_url,
                media_type=media,
                font_config=options.get("font_config"),
                url_fetcher=options.get("url_fetcher"),
            )
        return _Caches.stylesheets[key]

    parsed.original = parse  # type: ignore[attr-defined]
    return parsed


def _stylesheet_parser() -> Any:
    """WeasyPrint's stylesheet class as `_parsed_once` makes it, put in
    `weasyprint.css` on first use: the one parser of the pages' `<style>`
    elements and of the stylesheet laid on top of them."""
    import weasyprint.css

    if not hasattr(weasyprint.css.CSS, "original"):
        weasyprint.css.CSS = _parsed_once(weasyprint.css.CSS)
    return weasyprint.css.CSS


def _collect_for_layout() -> None:
    """Python's cycle collector, set for laying out: WeasyPrint makes and
    drops boxes by the hundred thousand, and by default the collector runs
    every 700 allocations and, every so often, walks every object the
    process holds, WeasyPrint's modules and all. Everything loaded before
    the first layout is set aside for good (`gc.freeze`: it lives as long as
    the process), and the youngest objects are collected every 10,000
    allocations. Measured on the senior level's parts, the collector's share
    of the layout fell from a tenth to under a twentieth."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def make_pdf(
    html: str,
    stylesheet: str,
    base_dir: Path,
    allowed: tuple[Path, ...],
    *,
    forms: bool = False,
) -> Pdf:
    """`html` laid out with `stylesheet` on top, written as a tagged PDF.
    `forms` writes the HTML's form fields as PDF form fields."""
    weasyprint = native.import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    if _Caches.font_config is None:
        _Caches.font_config = FontConfiguration()
        _collect_for_layout()
        parsing.install()
        laying_out.install()
        writing.install()
    fonts = _Caches.font_config
    parse = _stylesheet_parser()
    folders = tuple(folder.resolve() for folder in allowed)
    fetcher = _fetcher(folders)
    base_url = base_dir.resolve().as_uri() + "/"
    # PDF/UA-1 tags headings, lists and tables, and writes the language and
    # the "display the title" preference for screen readers.
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}
    # Attachments (<link rel=attachment>) are fetched only when written.
    with _refusals_located(base_url, folders):
        source = _styles_set_aside(html)
        page = weasyprint.HTML(string=source, base_url=base_url, url_fetcher=fetcher)
        document = page.render(
            stylesheets=[
                parse(string=stylesheet, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
            ],
            font_config=fonts,
            cache=_Caches.images,
            # HTML form controls become PDF form fields (see pdf_forms.py).
            pdf_forms=forms,
        )
        # Boxes to write in take what their page leaves (see `fill`).
        document = document.copy(fill_pages(document.pages))
        if not forms:
            return Pdf(data=document.write_pdf(**options), pages=len(document.pages))
        data = document.write_pdf(**options, finisher=tidy_radio_groups)
        plain = without_fields(data)
    return Pdf(data=data, pages=len(document.pages), plain=plain)


@contextlib.contextmanager
def _refusals_located(base_url: str, folders: tuple[Path, ...]) -> Iterator[None]:
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as error:
        raise LadderError([refused(str(error), base_url, folders)]) from None


def stack_fingerprint() -> str:
    """The versions of everything that shapes a PDF's bytes besides its HTML and
    stylesheet: WeasyPrint and the Python packages it needs, selectolax (the
    HTML parser, `parsing`), pikepdf, uharfbuzz (the candidate's header),
    Pango, HarfBuzz and fontconfig, and every font fontconfig finds (path,
    size, time). A font installed or updated changes it, so the PDFs are
    made again. Cheap: WeasyPrint is not imported."""
    lines = []
    for name in ["weasyprint", *_requirements("weasyprint"), "selectolax", "pikepdf", "uharfbuzz"]:
        try:
            lines.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            lines.append(f"{name} absent")
    pango = native.library("pango-1.0", "libpango-1.0.so.0")
    harfbuzz = native.library("harfbuzz", "libharfbuzz.so.0")
    lines.append(f"pango {native.call(pango, 'pango_version_string', ctypes.c_char_p)!r}")
    lines.append(f"harfbuzz {native.call(harfbuzz, 'hb_version_string', ctypes.c_char_p)!r}")
    lines.append(f"fontconfig {native.call(native.fontconfig(), 'FcGetVersion', ctypes.c_int)!r}")
    for file in native.font_files():
        try:
            info = os.stat(file)
            lines.append(f"{file!r} {info.st_size} {info.st_mtime_ns}")
        except OSError:
            lines.append(f"{file!r} unreadable")
    return "\n".join(lines)


def _requirements(package: str) -> list[str]:
    """The packages `package` needs at run time (not for its extras)."""
    needed = []
    for requirement in requires(package) or []:
        if "extra ==" not in requirement:
            name = re.match(r"[A-Za-z0-9._-]+", requirement)
            if name:
                needed.append(name.group())
    return sorted(set(needed))
