"""Put finished PDFs together with pikepdf: join tagged PDFs into one, draw
page furniture over their pages, and finish a PDF with the candidate's
header and the facts `rubricgen debrief` reads, written after its bytes.

Content is laid out once with no header or footer; the furniture (running
header, footer, "Page N of M") is drawn as a PDF of its own (see `margins`),
one page per content page, and laid over each content page as a Form
XObject marked as a pagination artifact, so the structure tree (what a
screen reader reads) is the content's alone. The same content pages can so
be numbered differently in the kit and in a packet, and the candidate's
name added without laying anything out again.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
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
    filled later (see `finished`)."""
    blank = pikepdf.new()
    box = [float(value) for value in pdf.pages[0].mediabox]
    blank.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))
    return blank


def _own(dictionary: pikepdf.Object | None) -> Dictionary:
    """A direct copy of `dictionary` (its values shared), or an empty one."""
    return Dictionary() if dictionary is None else Dictionary(dict(dictionary.items()))


def finished(
    data: bytes, facts: Mapping[str, str], layers: Mapping[str, bytes]
) -> tuple[bytes, int]:
    """The PDF `data` and its page count, with an incremental update after
    its end: for each `name: layer` of `layers`, the drawing `/Rg<name>`
    that every page of `data` shows (one drawing they share, laid over them
    by `overlay`) becomes the one page of the PDF `layer`; and `facts` are
    custom keys of the document information (`/Rubricgen…`).

    Nothing of `data` is rewritten: readers take each object's last version
    (PDF 1.7, 7.5.6). A full save would read, pack and compress every object
    of the PDF again (12 ms for a packet, 50 ms for a kit), and so would
    copying the layer in with qpdf, which reads every object of the PDF it
    copies into; the update costs the same for a 1-page PDF as for a 50-page
    one, and a candidate's header touches no page."""
    pdf = open_pdf(data)
    update = _Update(pdf)
    drawings = pdf.pages[0].obj.Resources.XObject
    for name, layer in layers.items():
        drawing = drawings[Name(f"/Rg{name}")]
        drawn = open_pdf(layer)  # kept open while its objects are read
        update.put(drawing.objgen[0], drawn.pages[0].as_form_xobject())
    info = pdf.trailer.get("/Info")
    entries = _own(info)
    for key, value in facts.items():
        entries[Name("/" + key)] = value
    info_number = update.put(None if info is None else info.objgen[0], entries)
    return update.appended(data, info_number), len(pdf.pages)


class _Update:
    """The objects of an incremental update of `pdf`, in the order put. What
    they refer to in another PDF is put too, under new numbers."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.next = int(pdf.trailer.Size)
        self.objects: list[tuple[int, bytes]] = []
        self.numbers: dict[tuple[int, int], int] = {}

    def put(self, number: int | None, value: pikepdf.Object) -> int:
        """Put `value` (of another PDF, or direct) as object `number` of
        `pdf`, or as a new object; returns its number."""
        if number is None:
            number, self.next = self.next, self.next + 1
        elif value.is_indirect:
            self.numbers[value.objgen] = number
        pending = [(number, value)]

        def refer(target: pikepdf.Object) -> bytes:
            """A reference to `target`: its own number in `pdf`, or the new
            number it is put under."""
            if target.is_owned_by(self.pdf):
                return b"%d %d R" % target.objgen
            if target.objgen not in self.numbers:
                self.numbers[target.objgen] = self.next
                pending.append((self.next, target))
                self.next += 1
            return b"%d 0 R" % self.numbers[target.objgen]

        while pending:
            number, value = pending.pop(0)
            if isinstance(value, pikepdf.Stream):
                raw = value.read_raw_bytes()
                head = _own(value.stream_dict)
                head.Length = len(raw)
                body = _syntax(head, refer) + b"\nstream\n" + raw + b"\nendstream"
            else:
                body = _syntax(value, refer, top=True)
            self.objects.append((number, body))
        return number

    def appended(self, data: bytes, info: int) -> bytes:
        """`data` (the PDF `pdf` was opened from) followed by the objects put
        and a cross-reference stream for them, as its last section."""
        pdf = self.pdf
        previous = int(data[data.rindex(b"startxref") + len(b"startxref") :].split()[0])
        out = bytearray(data if data.endswith(b"\n") else data + b"\n")
        offsets = {}
        for number, body in self.objects:
            offsets[number] = len(out)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        number = self.next
        offsets[number] = len(out)
        width = (len(out).bit_length() + 7) // 8
        numbers = sorted(offsets)
        # One row per object: type 1 (in use), where it starts, generation 0.
        rows = b"".join(b"\x01" + offsets[n].to_bytes(width, "big") + b"\0" for n in numbers)
        index = b" ".join(b"%d 1" % n for n in numbers)
        second = b"<%s>" % hashlib.md5(out[len(data) :], usedforsecurity=False).hexdigest().encode()
        # The file's first identifier stays (`to_bytes` writes one); the second
        # is this version's.
        first = pdf.trailer.ID[0].unparse()
        root = pdf.Root.objgen[0]
        out += (
            b"%d 0 obj\n<< /Type /XRef /Size %d /Index [ %s ] /W [ 1 %d 1 ] /Root %d 0 R "
            b"/Info %d 0 R /ID [ %s %s ] /Prev %d /Length %d >>\nstream\n"
            % (number, number + 1, index, width, root, info, first, second, previous, len(rows))
        )
        out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[number]
        return bytes(out)


def _syntax(value: Any, refer: Callable[[pikepdf.Object], bytes], top: bool = False) -> bytes:
    """`value` in PDF syntax, each indirect object in it written as `refer`
    gives (`top`: `value` itself is the object being written)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect and not top:
        return refer(value)
    if isinstance(value, Dictionary):
        items = (Name(key).unparse() + b" " + _syntax(item, refer) for key, item in value.items())
        return b"<< " + b" ".join(items) + b" >>"
    if isinstance(value, Array):
        return b"[ " + b" ".join(_syntax(item, refer) for item in value) + b" ]"
    if isinstance(value, pikepdf.Object):  # a name, string or number
        return bytes(value.unparse())
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, Decimal | float):
        return format(value, "f").encode()
    if value is None:
        return b"null"
    return b"%d" % value
