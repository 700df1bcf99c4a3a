"""Put finished PDFs together with pikepdf: join tagged PDFs into one, draw
page furniture over their pages, and write the facts `rubricgen debrief`
reads into the document information.

Content is laid out once with no header or footer; the furniture (running
header, footer, "Page N of M") is drawn as a PDF of its own (see `margins`),
one page per content page, and laid over each content page as a Form
XObject marked as a pagination artifact, so the structure tree (what a
screen reader reads) is the content's alone. The same content pages can so
be numbered differently in the kit and in a packet, and the candidate's
name added without laying anything out again.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def to_bytes(pdf: pikepdf.Pdf) -> bytes:
    """The PDF's bytes, the same for the same content (no time, a fixed /ID).
    Objects other than streams are packed into compressed object streams:
    WeasyPrint writes them loose, and packed the kit is half the size (and
    quicker to write)."""
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def join_tagged(parts: Sequence[bytes]) -> pikepdf.Pdf:
    """One PDF of the parts' pages in order, with one structure tree, outline,
    name tree and form holding every part's; the first part gives the
    catalogue (title, language, metadata).

    A plain page merge would keep the pages' marked content but lose the
    structure elements that point at it, leaving the PDF untagged."""
    joined = open_pdf(parts[0])
    tree = joined.Root.StructTreeRoot
    document = tree.K[0] if isinstance(tree.K, Array) else tree.K
    nums = tree.ParentTree.Nums
    next_key = _next_key(nums, joined)
    for data in parts[1:]:
        part = open_pdf(data)
        start = len(joined.pages)
        # Pages first: the structure elements, outline items and form fields
        # copied next point at them, and the copier maps those pointers to
        # the pages already copied.
        joined.pages.extend(part.pages)
        offset = next_key
        for page in joined.pages[start:]:
            _shift_struct_keys(page, offset)
        part_tree = part.Root.StructTreeRoot
        part_document = part_tree.K[0] if isinstance(part_tree.K, Array) else part_tree.K
        kids = part_document.K if isinstance(part_document.K, Array) else Array([part_document.K])
        for kid in kids:
            if isinstance(kid, Dictionary) and "/P" in kid:
                del kid["/P"]  # the part's own document element: not copied
        # The kids and the parent tree, each copied by qpdf in one call.
        for kid in _copied_whole(joined, part, kids):
            if isinstance(kid, Dictionary):
                kid.P = document
            document.K.append(kid)
        part_nums = _copied_whole(joined, part, part_tree.ParentTree.Nums)
        for index in range(0, len(part_nums), 2):
            nums.append(int(part_nums[index]) + offset)
            nums.append(part_nums[index + 1])
        next_key = offset + _next_key(part_nums, part)
        _join_outlines(joined, part)
        _join_names(joined, part)
        _join_fields(joined, part)
    tree.ParentTreeNextKey = next_key
    return joined


def _copied_whole(joined: pikepdf.Pdf, part: pikepdf.Pdf, array: pikepdf.Object) -> Any:
    """The items of `array` (of `part`), copied into `joined` with what they
    refer to, by qpdf in one call (objects already copied from `part`, such
    as its pages, are reused)."""
    return joined.copy_foreign(part.make_indirect(Array(array)))


def _copy(joined: pikepdf.Pdf, value: Any) -> Any:
    """`value` from another PDF, copied into `joined` with what it refers to
    (objects already copied from that PDF, such as its pages, are reused)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return joined.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(joined, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(joined, item) for key, item in value.items()})
    return value


def _next_key(nums: pikepdf.Object, pdf: pikepdf.Pdf) -> int:
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    keys += [int(p.StructParents) for p in pdf.pages if "/StructParents" in p]
    return max(keys, default=-1) + 1


def _shift_struct_keys(page: pikepdf.Page, offset: int) -> None:
    if "/StructParents" in page.obj:
        page.obj.StructParents = int(page.obj.StructParents) + offset
    for annotation in page.obj.get("/Annots", []):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


def _join_outlines(joined: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    """The part's top-level bookmarks after the joined PDF's, children kept."""
    source = part.Root.get("/Outlines")
    if source is None or "/First" not in source:
        return
    copied = _copy(joined, source)
    if "/Outlines" not in joined.Root or "/First" not in joined.Root.Outlines:
        joined.Root.Outlines = joined.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    root = joined.Root.Outlines
    item = copied.First
    while item is not None:
        item.Parent = root
        item = item.get("/Next")
    if "/Last" in root:
        root.Last.Next = copied.First
        copied.First.Prev = root.Last
    else:
        root.First = copied.First
    root.Last = copied.Last
    root.Count = int(root.get("/Count", 0)) + int(copied.get("/Count", 0))


def _join_names(joined: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    """The part's named destinations, where the name is not taken already."""
    if "/Names" not in part.Root or "/Dests" not in part.Root.Names:
        return
    if "/Names" not in joined.Root:
        joined.Root.Names = Dictionary()
    if "/Dests" not in joined.Root.Names:
        joined.Root.Names.Dests = pikepdf.NameTree.new(joined).obj
    target = pikepdf.NameTree(joined.Root.Names.Dests)
    for name, destination in pikepdf.NameTree(part.Root.Names.Dests).items():
        if name not in target:
            target[name] = _copy(joined, destination)


def _join_fields(joined: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    """The part's form fields (their widgets came with its pages)."""
    form = part.Root.get("/AcroForm")
    if form is None or not form.get("/Fields"):
        return
    if "/AcroForm" not in joined.Root:
        joined.Root.AcroForm = _copy(joined, form)
        return
    target = joined.Root.AcroForm
    target.Fields.extend(_copy(joined, form.Fields))
    if "/DR" in form:
        resources = target.get("/DR", Dictionary())
        fonts = resources.get("/Font", Dictionary())
        for name, font in form.DR.get("/Font", Dictionary()).items():
            if name not in fonts:
                fonts[name] = _copy(joined, font)
        resources.Font = fonts
        target.DR = resources


def overlay(pdf: pikepdf.Pdf, layer: pikepdf.Pdf, name: str) -> None:
    """Draw over every page of `pdf` a page of `layer`: page i of a layer with
    as many pages as `pdf`, or the one page of a one-page layer on every
    page. Each drawing is a Form XObject named `/Rg<name>` in the page's
    resources, in a pagination artifact, outside the structure tree."""
    count = len(pdf.pages)
    if len(layer.pages) == 1:
        forms = [pdf.copy_foreign(layer.pages[0].as_form_xobject())] * count
    elif len(layer.pages) == count:
        forms = [pdf.copy_foreign(page.as_form_xobject()) for page in layer.pages]
    else:
        raise ValueError(f"a layer of {len(layer.pages)} pages over {count} pages")
    resource = Name(f"/Rg{name}")
    # WeasyPrint leaves the page's coordinate system flipped: `q` before its
    # content and `Q` after restore the default for the drawing. The two
    # streams are the same for every page, so every page shares them.
    before = pdf.make_stream(b"q\n")
    after = pdf.make_stream(
        b"Q\n/Artifact <</Type /Pagination>> BDC q " + str(resource).encode() + b" Do Q EMC\n"
    )
    for page, form in zip(pdf.pages, forms, strict=True):
        # A page's own resources: WeasyPrint may share one dictionary
        # between pages, and each page draws its own sheet.
        resources = _own(page.obj.get("/Resources"))
        xobjects = _own(resources.get("/XObject"))
        xobjects[resource] = form
        resources.XObject = xobjects
        page.obj.Resources = resources
        page.contents_add(before, prepend=True)
        page.contents_add(after, prepend=False)


def blank_like(pdf: pikepdf.Pdf) -> pikepdf.Pdf:
    """A PDF of one empty page the size of `pdf`'s first page: a layer to be
    filled later (see `fill_layer`)."""
    blank = pikepdf.new()
    box = [float(value) for value in pdf.pages[0].mediabox]
    blank.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))
    return blank


def fill_layer(pdf: pikepdf.Pdf, name: str, layer: pikepdf.Pdf) -> None:
    """Draw the one page of `layer` where every page of `pdf` draws its
    `/Rg<name>` layer (one drawing they share, laid over them by `overlay`):
    the drawing's content, resources and box become the page's, so no page
    is touched and a candidate's header costs the same on 1 page as on 50."""
    drawing = pdf.pages[0].obj.Resources.XObject[Name(f"/Rg{name}")]
    page = pdf.copy_foreign(layer.pages[0].as_form_xobject())
    drawing.write(page.read_bytes())
    drawing.Resources = page.get("/Resources", Dictionary())
    drawing.BBox = page.BBox
    if "/Matrix" in page:
        drawing.Matrix = page.Matrix


def _own(dictionary: pikepdf.Object | None) -> Dictionary:
    """A direct copy of `dictionary` (its values shared), or an empty one."""
    return Dictionary() if dictionary is None else Dictionary(dict(dictionary.items()))


def set_facts(pdf: pikepdf.Pdf, facts: Mapping[str, str]) -> None:
    """Custom keys of the document information dictionary, `/Rubricgen…`."""
    for key, value in facts.items():
        pdf.docinfo[Name("/" + key)] = value
