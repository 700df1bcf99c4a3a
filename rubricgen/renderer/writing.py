"""Three changes to how WeasyPrint writes a PDF, for speed alone: what a page
shows, and every byte of it once decompressed, stay the same.

- **C array types parsed once.** When it subsets a font, WeasyPrint asks
  cffi for arrays typed by their length (`hb_codepoint_t[3012]`), and cffi
  parses each new type with pycparser, 3 ms a time: some 4% of a level's
  layouts. Such an array is asked for as the open type (`hb_codepoint_t[]`)
  with the same items, which cffi parses once.
- **Streams compressed at zlib's default level**, 6, as qpdf (which joins
  the parts) and most PDF writers do, not at pydyf's 9: a third quicker, for
  files about 1% larger. A big stream is compressed once per process: the
  form fields' font, the same whole font in every packet.
- **A form's font measured once per process.** The font a form's fields are
  typed in is embedded whole, with the width of each of its glyphs and the
  character each stands for: WeasyPrint measured them with fontTools for
  every packet (3,377 glyphs of DejaVu Sans Mono, some 25 ms). They are now
  measured for the first packet, kept, and written again into the next
  (`_FormFontsOnce`).

All three are put in place by `install`, in the process that lays out,
before its first layout; each replaces a name inside a module of WeasyPrint
or pydyf, which the tests check is still there.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from types import ModuleType
from typing import Any

LEVEL = zlib.Z_DEFAULT_COMPRESSION

_SIZED_ARRAY = re.compile(r"(.+)\[(\d+)\]")


class _ArraysParsedOnce:
    """An FFI whose `new("T[N]", items)` is `new("T[]", items)` when there
    are N items; everything else is the FFI's own."""

    def __init__(self, ffi: Any) -> None:
        self.ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ffi, name)

    def new(self, cdecl: str, init: Any = None) -> Any:
        sized = _SIZED_ARRAY.fullmatch(cdecl)
        if sized and isinstance(init, (list, tuple)) and len(init) == int(sized.group(2)):
            cdecl = f"{sized.group(1)}[]"
        return self.ffi.new(cdecl, init)


# Streams at least this big are kept compressed, this many at most.
_BIG = 64 * 1024
_KEPT = 8


def _compressed_once(data: bytes) -> bytes:
    """`data` compressed at `LEVEL`; a big one kept for the next time."""
    return _kept_compressed(data) if len(data) >= _BIG else zlib.compress(data, LEVEL)


@functools.lru_cache(maxsize=_KEPT)
def _kept_compressed(data: bytes) -> bytes:
    return zlib.compress(data, LEVEL)


class _Compressor:
    """What pydyf asks of `zlib.compressobj`: the data given to `compress`,
    compressed whole by `flush` (the same bytes as one compressor's)."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []

    def compress(self, data: bytes) -> bytes:
        self._pieces.append(bytes(data))
        return b""

    def flush(self, mode: int = zlib.Z_FINISH) -> bytes:
        if mode != zlib.Z_FINISH:
            raise ValueError("only a whole stream is compressed here")
        data, self._pieces = b"".join(self._pieces), []
        return _compressed_once(data)


class _DefaultLevel(ModuleType):
    """The `zlib` module as pydyf uses it, compressing at `LEVEL` whatever
    level is asked."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return zlib.compressobj(LEVEL, *args, **kwargs)
        return _Compressor()

    @staticmethod
    def compress(data: bytes, /, level: int = LEVEL, **kwargs: Any) -> bytes:
        return zlib.compress(data, LEVEL, **kwargs) if kwargs else _compressed_once(data)


class _FormFontsOnce:
    """WeasyPrint's `build_fonts_dictionary`, which measures a form's font
    once per process.

    The first time a font is used by a form's fields and by no text on the
    pages, WeasyPrint builds its dictionaries as usual, and what measuring
    the whole font gave is kept: the widths (`W`, as written), the Unicode
    map's content, and the widest glyph (`FontBBox`'s third number). The
    next time, WeasyPrint is told the font is not a form's: with no glyph
    drawn it then measures nothing, embeds the file whole all the same, and
    builds the same objects in the same order, into which the kept values
    go back. The bytes written are the same."""

    def __init__(self, build: Any) -> None:
        self.build = build
        self.kept: dict[tuple[str, int, bytes], tuple[bytes, list[Any], Any]] = {}

    def __call__(self, pdf: Any, fonts: Any, compress: bool, subset: bool, options: Any) -> Any:
        # Keyed by the file as found: WeasyPrint may change it as it builds.
        alone = {
            self._key(font): font for font in fonts.values() if self._alone(font, fonts, subset)
        }
        known = [font for key, font in alone.items() if key in self.kept]
        for font in known:
            font.used_in_forms = False
        try:
            built = self.build(pdf, fonts, compress, subset, options)
        finally:
            for font in known:
                font.used_in_forms = True
        for key, font in alone.items():
            widths, unicode, box = self._objects(pdf, built[font.hash])
            if font in known:
                kept_widths, kept_unicode, widest = self.kept[key]
                widths["W"] = kept_widths
                unicode.stream = list(kept_unicode)
                box[2] = widest
            else:
                self.kept[key] = (widths["W"].data, list(unicode.stream), box[2])
        return built

    @staticmethod
    def _alone(font: Any, fonts: Any, subset: bool) -> bool:
        """A form's font, drawn with on no page, and the only font of its
        name (WeasyPrint embeds one file per name)."""
        return bool(
            subset
            and font.used_in_forms
            and not font.to_unicode
            and not font.bitmap
            and sum(other.hash == font.hash for other in fonts.values()) == 1
        )

    @staticmethod
    def _key(font: Any) -> tuple[str, int, bytes]:
        digest = hashlib.sha256(font.file_content).digest()
        return font.hash, font.index, digest

    @staticmethod
    def _objects(pdf: Any, reference: bytes) -> tuple[Any, Any, Any]:
        """The CID font, the Unicode map and the box of a font dictionary."""

        def resolved(reference: bytes) -> Any:
            return pdf.objects[int(reference.split()[0])]

        font = resolved(reference)
        widths = resolved(font["DescendantFonts"][0])
        descriptor = resolved(widths["FontDescriptor"])
        return widths, resolved(font["ToUnicode"]), descriptor["FontBBox"]


def install() -> None:
    """Put the three changes in place, once per process."""
    import pydyf
    import weasyprint.pdf
    from weasyprint.pdf import fonts

    if not isinstance(fonts.ffi, _ArraysParsedOnce):
        fonts.ffi = _ArraysParsedOnce(fonts.ffi)
    if not isinstance(pydyf.zlib, _DefaultLevel):
        pydyf.zlib = _DefaultLevel("zlib")
    if not isinstance(weasyprint.pdf.build_fonts_dictionary, _FormFontsOnce):
        weasyprint.pdf.build_fonts_dictionary = _FormFontsOnce(
            weasyprint.pdf.build_fonts_dictionary
        )
