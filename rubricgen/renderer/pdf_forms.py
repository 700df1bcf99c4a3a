"""PDF forms: WeasyPrint turns HTML controls into AcroForm fields; this
module tidies what it writes so that PDF readers and libraries (pypdf among
them) fill and read the fields correctly, and takes the fields out of a copy
printed inside a larger document.

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

import re
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


def without_fields(data: bytes) -> bytes:
    """The PDF `data` with its form fields taken out: the same pages, their
    controls printed as the empty boxes they are drawn as (the content
    streams draw them; a field's widget only lies over its box). The widgets
    go from the pages, their `Form` elements from the structure tree with
    their entries in its parent tree, and the form from the catalogue; what
    is left is what WeasyPrint writes with no form, without writing the
    pages a second time."""
    import pikepdf

    from rubricgen.renderer.overlay import open_pdf, to_bytes

    with open_pdf(data) as pdf:
        keys = _drop_widgets(pdf)
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            nums = tree.ParentTree.Nums
            kept, dropped = pikepdf.Array(), []
            for index in range(0, len(nums), 2):
                if int(nums[index]) in keys:
                    dropped.append(nums[index + 1])
                else:
                    kept.extend([nums[index], nums[index + 1]])
            _drop_form_elements(dropped)
            tree.ParentTree.Nums = kept
        if "/AcroForm" in pdf.Root:
            del pdf.Root["/AcroForm"]
        _drop_unused_fonts(pdf)
        return to_bytes(pdf)


def _drop_widgets(pdf: Any) -> set[int]:
    """Take the fields' widgets off the pages; the parent-tree keys they
    held."""
    import pikepdf

    keys = set()
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        kept = pikepdf.Array()
        for annotation in annotations:
            if annotation.get("/Subtype") == "/Widget":
                keys.add(int(annotation.get("/StructParent", -1)))
            else:
                kept.append(annotation)
        if len(kept):
            page.obj.Annots = kept
        else:
            del page.obj["/Annots"]
    return keys


def _drop_unused_fonts(pdf: Any) -> None:
    """Take out of the pages' resources the fonts no page draws with: the
    font WeasyPrint adds for typing into the fields (a whole font, some
    200 KB) would otherwise stay with no field left to use it.

    A page's fonts are found by their `Tf` operators in its content, read as
    bytes: a text that happened to spell one out would only keep a font."""
    import pikepdf

    used = set()
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        for stream in streams:
            if isinstance(stream, pikepdf.Stream):
                for name in _SETS_FONT.findall(stream.read_bytes()):
                    used.add("/" + _NAME_ESCAPE.sub(_unescaped, name).decode("latin-1"))
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font")
        if fonts is None:
            continue
        for name in list(fonts.keys()):
            if name not in used:
                del fonts[name]


# `/Name size Tf` in a content stream; a name's `#xx` escapes.
_SETS_FONT = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+]?[\d.]+\s+Tf(?![^\s/\[\]()<>{}%])")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _unescaped(escape: re.Match[bytes]) -> bytes:
    return bytes([int(escape.group(1), 16)])


def _drop_form_elements(elements: Iterable[Any]) -> None:
    """Take the `Form` structure elements among `elements` (those the
    widgets taken out pointed at) out of their parents."""
    import pikepdf

    for element in elements:
        if not isinstance(element, pikepdf.Dictionary) or element.get("/S") != "/Form":
            continue
        parent = element.get("/P")
        if parent is None or "/K" not in parent:
            continue
        kids = parent.K
        if isinstance(kids, pikepdf.Dictionary):
            kids = pikepdf.Array([kids])
        parent.K = pikepdf.Array(kid for kid in kids if not _same(kid, element))


def _same(one: Any, other: Any) -> bool:
    """Whether two objects are the same indirect object (a marked-content
    number is no object at all)."""
    import pikepdf

    if not isinstance(one, pikepdf.Object) or not one.is_indirect:
        return False
    return bool(other.is_indirect and one.objgen == other.objgen)


def _text(value: Any) -> str:
    """The text of a pydyf string."""
    raw = value.string if hasattr(value, "string") else value
    return raw.decode() if isinstance(raw, bytes) else str(raw)
