"""Lay out HTML as PDF with WeasyPrint, imported only when a PDF is made
(importing it costs most of a second), and never reaching outside the
template folders: no network, no other file.

Each call lays out one HTML page and writes it as one PDF: the content of
a document part (tagged, PDF/UA-1), or a layer of page furniture drawn over
content pages later (see `overlay`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from rubricgen.schema.problems import LadderError, Problem


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


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


def make_pdf(
    html: str,
    stylesheet: str,
    base_dir: Path,
    allowed: tuple[Path, ...],
    *,
    tagged: bool = True,
    forms: bool = False,
) -> Pdf:
    """`html` laid out with `stylesheet` on top, written as a PDF: tagged
    content, or (`tagged=False`) page furniture, which is drawn as an
    artifact and needs no tags. `forms` writes the HTML's form fields as PDF
    form fields."""
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
        )
    except FatalURLFetchingError as error:
        raise LadderError([Problem("template", 1, 1, "template", str(error))]) from None
    # PDF/UA-1 tags headings, lists and tables, and writes the language and
    # the "display the title" preference for screen readers.
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    if forms:
        options["pdf_forms"] = True
    return Pdf(data=document.write_pdf(**options), pages=len(document.pages))
