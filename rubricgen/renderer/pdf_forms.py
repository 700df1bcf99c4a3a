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
            _drop_form_elements(tree)
            nums = tree.ParentTree.Nums
            kept = pikepdf.Array()
            for index in range(0, len(nums), 2):
                if int(nums[index]) not in keys:
                    kept.extend([nums[index], nums[index + 1]])
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
    200 KB) would otherwise stay with no field left to use it."""
    import pikepdf

    used = set()
    for page in pdf.pages:
        for instruction in pikepdf.parse_content_stream(page, "Tf"):
            if isinstance(instruction, pikepdf.ContentStreamInstruction):
                used.add(str(instruction.operands[0]))
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font")
        if fonts is None:
            continue
        for name in list(fonts.keys()):
            if name not in used:
                del fonts[name]


def _drop_form_elements(element: Any) -> None:
    """Take every `Form` structure element out of the tree under `element`."""
    import pikepdf

    kids = element.get("/K")
    if isinstance(kids, pikepdf.Dictionary):
        kids = pikepdf.Array([kids])
    if not isinstance(kids, pikepdf.Array):
        return
    kept = pikepdf.Array()
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Form":
            continue
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _drop_form_elements(kid)
        kept.append(kid)
    if len(kept) != len(kids):
        element.K = kept


def _text(value: Any) -> str:
    """The text of a pydyf string."""
    raw = value.string if hasattr(value, "string") else value
    return raw.decode() if isinstance(raw, bytes) else str(raw)
