"""Two changes to how WeasyPrint writes a PDF, for speed alone: what a page
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

Both are put in place by `install`, in the process that lays out, before
its first layout; both replace a name inside a module of WeasyPrint or
pydyf, which the tests check is still there.
"""

from __future__ import annotations

import functools
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


def install() -> None:
    """Put both changes in place, once per process."""
    import pydyf
    from weasyprint.pdf import fonts

    if not isinstance(fonts.ffi, _ArraysParsedOnce):
        fonts.ffi = _ArraysParsedOnce(fonts.ffi)
    if not isinstance(pydyf.zlib, _DefaultLevel):
        pydyf.zlib = _DefaultLevel("zlib")
