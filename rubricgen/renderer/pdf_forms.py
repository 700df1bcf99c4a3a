"""PDF forms: WeasyPrint turns HTML controls into AcroForm fields; this
module tidies what it writes so that PDF readers and libraries (pypdf among
them) fill and read the fields correctly, and writes pages without fields
when they are printed inside a larger document.

What WeasyPrint 70 writes for a group of radio buttons, and what is changed:
- each button's "on" state is named by its position (`/0`, `/1`...) with the
  values in the group's `/Opt`; a reader that sets the group to a value (pypdf
  sets `/V /3`) finds no button with that state and the group stays `/Off`.
  The states are renamed to the values themselves (`/1`...`/4`, `/na`) and
  `/Opt` is dropped, so the group's value is the chosen option;
- each button is listed under the form's `/Fields` and carries the group's
  name, so readers see every button as one more field named like the group.
  The buttons become plain widgets of their group, the group alone a field;
- the group's screen-reader label is the first button's. Buttons are titled
  "<group>: <option>" in the HTML, and the group keeps the "<group>" part.

Field values are set through the document's objects (WeasyPrint's pydyf PDF,
in its `finisher` step), before anything is written: no second pass over the
bytes.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any


def tidy_radio_groups(document: Any, pdf: Any) -> None:
    """WeasyPrint's `finisher`: tidy the radio groups of `pdf` (a pydyf PDF)."""
    import pydyf

    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    objects = {o.reference: o for o in pdf.objects if isinstance(o, pydyf.Object)}
    buttons = set()
    for reference in form["Fields"]:
        group = objects[reference]
        if "Opt" not in group:
            continue
        for button_reference, value in zip(group["Kids"], group["Opt"], strict=True):
            button = objects[button_reference]
            ((_, appearance),) = button["AP"]["N"].items()
            # pydyf writes a dictionary's keys as names: "3" becomes /3.
            button["AP"]["N"] = pydyf.Dictionary({_text(value): appearance})
            del button["T"]
            buttons.add(button_reference)
        del group["Opt"]
        label = _text(group["TU"])
        group["TU"] = pydyf.String(label.rpartition(": ")[0] or label)
    form["Fields"] = pydyf.Array(r for r in form["Fields"] if r not in buttons)


def without_fields(pages: Iterable[Any]) -> list[Any]:
    """Copies of WeasyPrint pages that write no form field: their controls
    print as the empty boxes they are drawn as."""
    bare = []
    for page in pages:
        for controls in page.forms.values():
            for box, _ in controls:
                # Left over from writing the page as a form: it would tag a
                # field this PDF does not have.
                box.widget_annotation = None
        page = copy.copy(page)
        page.forms = {None: []}
        bare.append(page)
    return bare


def _text(value: Any) -> str:
    """The text of a pydyf string."""
    raw = value.string if hasattr(value, "string") else value
    return raw.decode() if isinstance(raw, bytes) else str(raw)
