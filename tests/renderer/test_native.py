"""The native libraries: WeasyPrint imported without the slow library search."""

import subprocess
import sys

import pytest

PROBE = """
import ctypes.util
import json

searched = []
for slow in ("_findLib_gcc", "_findLib_ld"):
    if hasattr(ctypes.util, slow):
        original = getattr(ctypes.util, slow)
        def record(*args, _slow=slow, _original=original):
            searched.append(_slow)
            return _original(*args)
        setattr(ctypes.util, slow, record)
before = ctypes.util.find_library

from rubricgen.renderer import native

native.import_weasyprint()
from weasyprint.text import ffi

loaded = [
    name
    for name in ("gobject", "pango", "harfbuzz", "harfbuzz_subset", "fontconfig", "pangoft2")
    if getattr(ffi, name) is not None
]
print(json.dumps({
    "searched": searched,
    "loaded": loaded,
    "restored": ctypes.util.find_library is before,
}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the quick search is for Linux")
def test_weasyprint_finds_its_libraries_without_running_gcc_or_ld():
    import json

    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["searched"] == []
    # Every library WeasyPrint needs, and HarfBuzz's subsetter (its fonts are
    # subset with it rather than the slower fontTools when it is found).
    assert found["loaded"] == [
        "gobject",
        "pango",
        "harfbuzz",
        "harfbuzz_subset",
        "fontconfig",
        "pangoft2",
    ]
    assert found["restored"]
