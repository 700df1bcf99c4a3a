"""The native libraries rubricgen asks directly, through ctypes, without
importing WeasyPrint: the versions of Pango, HarfBuzz and fontconfig and
every font fontconfig knows (they are part of what a PDF is rebuilt for),
and which font file a family names (the candidate's header is set in it).

Each library is loaded once per process, and fontconfig's functions are
declared once, here, for every caller.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any


@functools.cache
def library(name: str, soname: str) -> Any:
    """The shared library WeasyPrint would load, or None."""
    with contextlib.suppress(OSError):
        return ctypes.CDLL(soname)
    # Elsewhere than Linux, the name differs: ask the system (slower).
    found = ctypes.util.find_library(name)
    with contextlib.suppress(OSError):
        return ctypes.CDLL(found) if found else None
    return None


def import_weasyprint() -> ModuleType:
    """WeasyPrint, imported with its native libraries found quickly.

    WeasyPrint loads each library by trying the names it has on each system
    in turn, and cffi asks `ctypes.util.find_library` about each name the
    dynamic loader does not take as it is: on Linux that runs ldconfig, gcc
    and ld for each of some twenty names, a quarter of a second or more of a
    cold build's start. While WeasyPrint is imported here, a name is looked
    up in the loader's cache once listed (one run of ldconfig) and nowhere
    else; WeasyPrint's own list ends with each library's Linux name, which
    the loader finds on its own wherever it would find it."""
    if "weasyprint" in sys.modules or sys.platform != "linux":
        return importlib.import_module("weasyprint")
    with _found_in_loader_cache():
        return importlib.import_module("weasyprint")


@contextlib.contextmanager
def _found_in_loader_cache() -> Iterator[None]:
    ldconfig = shutil.which("ldconfig") or next(
        (path for path in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(path)), None
    )
    if ldconfig is None:
        yield
        return
    try:
        listing = subprocess.run(
            [ldconfig, "-p"],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
            check=False,
        ).stdout
    except OSError:
        listing = ""
    # Lines such as "	libpango-1.0.so.0 (libc6,x86-64) => /usr/lib/.../libpango-1.0.so.0".
    names = re.findall(r"^\s+(\S+) \(", listing, re.MULTILINE)

    def find_library(name: str) -> str | None:
        stem = "lib" + name.removeprefix("lib")
        return next((found for found in names if found.startswith(stem + ".so")), None)

    original = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def call(found: Any, function: str, returns: Any) -> Any:
    """`function()` of the library `found` (None without the library)."""
    if found is None:
        return None
    function_ = getattr(found, function)
    function_.restype = returns
    return function_()


class _FontSet(ctypes.Structure):
    _fields_ = (
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    )


@functools.cache
def fontconfig() -> Any:
    """fontconfig with the functions used here declared; None without it."""
    found = library("fontconfig", "libfontconfig.so.1")
    if found is None:
        return None
    voidp, charp = ctypes.c_void_p, ctypes.c_char_p
    found.FcInitLoadConfigAndFonts.restype = voidp
    found.FcPatternCreate.restype = voidp
    found.FcObjectSetBuild.restype = voidp
    found.FcObjectSetBuild.argtypes = [charp, voidp]
    found.FcFontList.restype = ctypes.POINTER(_FontSet)
    found.FcFontList.argtypes = [voidp] * 3
    found.FcNameParse.restype = voidp
    found.FcNameParse.argtypes = [charp]
    found.FcConfigSubstitute.argtypes = [voidp, voidp, ctypes.c_int]
    found.FcDefaultSubstitute.argtypes = [voidp]
    found.FcFontMatch.restype = voidp
    found.FcFontMatch.argtypes = [voidp, voidp, ctypes.POINTER(ctypes.c_int)]
    found.FcPatternGetString.argtypes = [voidp, charp, ctypes.c_int, ctypes.POINTER(charp)]
    found.FcPatternGetInteger.argtypes = [voidp, charp, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    for name in ("FcFontSetDestroy", "FcObjectSetDestroy", "FcPatternDestroy", "FcConfigDestroy"):
        getattr(found, name).argtypes = [voidp]
    return found


def font_files() -> list[str]:
    """The file of every font fontconfig knows now, sorted (read afresh each
    time: a font installed while `build --watch` runs counts)."""
    fc = fontconfig()
    if fc is None:
        return []
    config = fc.FcInitLoadConfigAndFonts()
    pattern = fc.FcPatternCreate()
    objects = fc.FcObjectSetBuild(b"file", None)
    found = fc.FcFontList(config, pattern, objects)
    files = set()
    if found:
        for index in range(found.contents.nfont):
            file = ctypes.c_char_p()
            if fc.FcPatternGetString(found.contents.fonts[index], b"file", 0, file) == 0:
                files.add(os.fsdecode(file.value or b""))
        fc.FcFontSetDestroy(found)
    fc.FcObjectSetDestroy(objects)
    fc.FcPatternDestroy(pattern)
    fc.FcConfigDestroy(config)
    return sorted(files)


@functools.cache
def _fonts_loaded() -> Any:
    """fontconfig's configuration with the fonts loaded, once per process."""
    fc = fontconfig()
    return None if fc is None else fc.FcInitLoadConfigAndFonts()


def match_font(family: str) -> tuple[str, int, frozenset[str]] | None:
    """The file and face index fontconfig gives for `family`, with the
    families that face belongs to (casefolded): fontconfig always answers,
    so the caller tells whether it is the family asked for."""
    fc, config = fontconfig(), _fonts_loaded()
    if fc is None:
        return None
    pattern = fc.FcNameParse(family.encode().replace(b"-", b"\\-"))
    fc.FcConfigSubstitute(config, pattern, 0)
    fc.FcDefaultSubstitute(pattern)
    result = ctypes.c_int()
    match = fc.FcFontMatch(config, pattern, ctypes.byref(result))
    fc.FcPatternDestroy(pattern)
    if not match:
        return None
    try:
        file, name, index = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_int()
        if fc.FcPatternGetString(match, b"file", 0, ctypes.byref(file)) != 0:
            return None
        fc.FcPatternGetInteger(match, b"index", 0, ctypes.byref(index))
        families = set()
        position = 0
        while fc.FcPatternGetString(match, b"family", position, ctypes.byref(name)) == 0:
            families.add(os.fsdecode(name.value or b"").casefold())
            position += 1
        return os.fsdecode(file.value or b""), index.value, frozenset(families)
    finally:
        fc.FcPatternDestroy(match)
