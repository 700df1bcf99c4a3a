"""What the process that forks the layout workers (`forking.start`) loads
once, before it forks any: WeasyPrint with its native libraries, pikepdf,
and the jobs the workers run.

Nothing here may stop that process from starting: a WeasyPrint that cannot
load is reported by the worker that needs it, in the build's own words.
Meant for that process alone: any process that imports this module ends
the way it does, without its interpreter's teardown and with status 0."""

import atexit
import contextlib
import os

with contextlib.suppress(Exception):
    import pikepdf  # noqa: F401

    from rubricgen.renderer import native, pdf_jobs  # noqa: F401

    native.import_weasyprint()

# The process ends when the build does. It holds nothing to save, and the
# build's stdout and stderr stay open until it is gone: it leaves without
# tearing down its interpreter (a tenth of a second, WeasyPrint and all).
atexit.register(os._exit, 0)
