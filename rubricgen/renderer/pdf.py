"""Lay out HTML as PDF with WeasyPrint, imported only when a PDF is made
(importing it costs most of a second), and never reaching outside the
template folders: no network, no other file."""

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


def render_pdf(html: str, stylesheet: str, base_dir: Path, allowed: tuple[Path, ...]) -> Pdf:
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher(tuple(folder.resolve() for folder in allowed))
    base_url = base_dir.resolve().as_uri() + "/"
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[weasyprint.CSS(string=stylesheet, base_url=base_url, url_fetcher=fetcher)]
        )
    except FatalURLFetchingError as error:
        raise LadderError([Problem("template", 1, 1, "template", str(error))]) from None
    return Pdf(data=document.write_pdf(), pages=len(document.pages))
