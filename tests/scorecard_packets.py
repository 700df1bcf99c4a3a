"""Interview packets as PDF forms, made here to the contract `build` keeps
with `debrief` (field names and document information), and filled as a PDF
reader would fill them.

The form is laid out by WeasyPrint from HTML with `pdf_forms`, then tidied
with pikepdf the way a packet is: each radio group listed once under
/Fields, its widgets unnamed and their "on" states named after the options.
`raw=True` leaves WeasyPrint's own form (states numbered, options under
/Opt), which the reader must read too."""

import html
import io

import pikepdf
from pypdf import PdfReader, PdfWriter

from rubricgen.views import Occasion, resolve_interview_kit


def packet_html(level_id, interview, ratings, recommendations) -> str:
    def radios(name, options):
        return " ".join(
            f'<label><input type="radio" name="{name}" value="{html.escape(o)}"> {o}</label>'
            for o in options
        )

    parts = ['<p><input type="text" name="interviewer" title="Interviewer"></p>']
    for competency in interview.competencies:
        parts.append(f"<p>{competency}: {radios(f'rating:{competency}', ratings)}</p>")
    for question in interview.questions:
        parts.append(f'<p><textarea name="notes:{question.id}" title="Notes"></textarea></p>')
    parts.append(f"<p>{radios('recommendation', recommendations)}</p>")
    parts.append('<p><textarea name="evidence" title="Key evidence"></textarea></p>')
    return (
        f'<html lang="en"><title>Packet {level_id} {interview.id}</title><body><form>'
        + "".join(parts)
        + "</form></body></html>"
    )


def make_packet(
    ladder,
    level_id: str,
    interview_id: str,
    *,
    seed: int | None = 3,
    candidate: str = "Ada Lovelace",
    date: str = "2026-12-01",
    version: str | None = None,
    kind: str = "panel-packet",
    raw: bool = False,
) -> bytes:
    import weasyprint

    kit = resolve_interview_kit(ladder, ladder.find(level_id), Occasion(seed=seed))
    interview = next(i for i in kit.interviews if i.id == interview_id)
    ratings = [str(p.rating) for p in kit.rating_scale] + ["na"]
    recommendations = [o.id for o in kit.recommendation_scale]
    source = packet_html(level_id, interview, ratings, recommendations)
    data = weasyprint.HTML(string=source).render(pdf_forms=True).write_pdf()
    pdf = pikepdf.open(io.BytesIO(data))
    if not raw:
        tidy(pdf)
    pdf.docinfo["/RubricgenKind"] = kind
    pdf.docinfo["/RubricgenLevel"] = level_id
    pdf.docinfo["/RubricgenInterview"] = interview_id
    pdf.docinfo["/RubricgenLadderVersion"] = version or ladder.definitions.ladder.version
    pdf.docinfo["/RubricgenSeed"] = "" if seed is None else str(seed)
    pdf.docinfo["/RubricgenCandidate"] = candidate
    pdf.docinfo["/RubricgenDate"] = date
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def tidy(pdf: pikepdf.Pdf) -> None:
    groups = pikepdf.Array()
    for field in pdf.Root.AcroForm.Fields:
        if "/Parent" in field:
            continue
        groups.append(field)
        if "/Opt" not in field:
            continue
        for widget, option in zip(field.Kids, [str(o) for o in field.Opt], strict=True):
            for key in ("/T", "/TU"):
                if key in widget:
                    del widget[key]
            for appearances in (widget.AP[k] for k in ("/N", "/D") if k in widget.AP):
                (state,) = [name for name in appearances if name != "/Off"]
                appearances[pikepdf.Name("/" + option)] = appearances[state]
                del appearances[state]
        del field["/Opt"]
    pdf.Root.AcroForm.Fields = groups


def fill(packet: bytes, values: dict[str, str]) -> bytes:
    """`packet` with its fields set as a PDF reader sets them: a radio group
    to the name of the chosen option (`/3`), a text field to its text."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(packet)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_raw(packet: bytes, values: dict[str, str]) -> bytes:
    """A packet straight from WeasyPrint, filled the way it holds values:
    the group's /V and the chosen widget's /AS name the widget's place in
    the group's /Opt."""
    pdf = pikepdf.open(io.BytesIO(packet))
    for field in pdf.Root.AcroForm.Fields:
        name = str(field.get("/T", ""))
        if "/Parent" in field or name not in values:
            continue
        if "/Opt" in field:
            index = [str(o) for o in field.Opt].index(values[name].lstrip("/"))
            field.V = pikepdf.Name(f"/{index}")
            for position, widget in enumerate(field.Kids):
                widget.AS = pikepdf.Name(f"/{index}" if position == index else "/Off")
        else:
            field.V = pikepdf.String(values[name])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
