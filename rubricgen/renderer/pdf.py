"""Lay out HTML as PDF with WeasyPrint, imported only when a PDF is made
(importing it costs most of a second), and never reaching outside the
template folders: no network, no other file.

Layout is the expensive step, so it is separate from writing: a laid-out
document can be written on its own and also concatenated with others (the
interview kit is its cover, its packets and its debrief sheet, each laid out
once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from rubricgen.renderer.pdf_forms import tidy_radio_groups, without_fields
from rubricgen.schema.problems import LadderError, Problem


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


@dataclass(frozen=True)
class LaidOut:
    """A WeasyPrint document after layout (kept opaque to the rest of the code)."""

    document: Any


def _fetcher(allowed: tuple[Path, ...]) -> Any:
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
            raise FatalURLFetchingError(
                f"The document refers to {url}; only files inside the template "
                "folders and data: URLs may be used."
            )

    return FolderFetcher()


class _Caches:
    """WeasyPrint's font configuration and image cache, made once per process
    and shared by every document it lays out."""

    font_config: Any = None
    images: dict[str, Any] = {}  # noqa: RUF012 (one cache for the process)


def lay_out(html: str, stylesheet: str, base_dir: Path, allowed: tuple[Path, ...]) -> LaidOut:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    if _Caches.font_config is None:
        _Caches.font_config = FontConfiguration()
    fonts = _Caches.font_config
    fetcher = _fetcher(tuple(folder.resolve() for folder in allowed))
    base_url = base_dir.resolve().as_uri() + "/"
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[
                weasyprint.CSS(
                    string=stylesheet, base_url=base_url, url_fetcher=fetcher, font_config=fonts
                )
            ],
            font_config=fonts,
            cache=_Caches.images,
            # HTML form controls become PDF form fields (see pdf_forms.py).
            pdf_forms=True,
        )
    except FatalURLFetchingError as error:
        raise LadderError([Problem("template", 1, 1, "template", str(error))]) from None
    return LaidOut(document)


def write_pdf(parts: Sequence[LaidOut], *, forms: bool = False) -> Pdf:
    """One PDF of the parts' pages in order; the first part gives the metadata.
    With `forms`, its form controls are fillable fields; without, they print
    as empty boxes and the PDF has no form."""
    first = parts[0].document
    pages = [page for part in parts for page in part.document.pages]
    if forms:
        document = first if len(parts) == 1 else first.copy(pages)
        finisher = tidy_radio_groups
    else:
        document, finisher = first.copy(without_fields(pages)), None
    # PDF/UA-1 tags headings, lists and tables, and writes the language and
    # the "display the title" preference for screen readers.
    data = document.write_pdf(pdf_variant="pdf/ua-1", finisher=finisher)
    return Pdf(data=data, pages=len(pages))
