"""Package-level work python-docx leaves to us: the footnotes part, metadata, settings, and
a zip that is byte-for-byte the same for the same findings.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ...view import ReportView
from ..stable_zip import stable_zip
from .ooxml import insert_before, make, strip_rsids, sub, xml_safe

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

_FOOTNOTES = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def add_footnotes_part(document: Document) -> XmlPart:
    """/word/footnotes.xml with Word's two separators; footnotes 1… are added by the writer."""
    package = document.part.package
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES), package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def publication_time(view: ReportView) -> datetime:
    published = view.issued
    return datetime(published.year, published.month, published.day, tzinfo=timezone.utc)


def set_metadata(document: Document, view: ReportView, language: str, description: str) -> None:
    props = document.core_properties
    published = publication_time(view).replace(tzinfo=None)
    modified = view.modified.astimezone(timezone.utc).replace(tzinfo=None)
    props.title = xml_safe(view.title)[:255]  # Word's core properties hold at most 255 characters
    props.author = xml_safe(view.publisher)[:255]  # templates/brand.yml
    props.subject = xml_safe(view.service.name)[:255]
    props.language = language
    props.comments = xml_safe(description)[:255]  # dc:description
    props.keywords = ""
    props.created = props.last_printed = published
    props.modified = modified  # as the HTML's dcterms.modified: SOURCE_DATE_EPOCH, else publication
    props.revision = 1
    core = props._element
    for stale in core.findall(qn("cp:lastModifiedBy")):
        core.remove(stale)


def tidy_package(document: Document, language: str) -> None:
    """Drop what would differ between machines or mislead: rsids, the template's document id,
    its thumbnail and Word 2010 style copy; point the footnote separators; British English."""
    settings = document.settings.element
    for tag in ("w:rsids", "w14:docId"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)
    note_pr = make("w:footnotePr")
    sub(note_pr, "w:footnote", id=-1)
    sub(note_pr, "w:footnote", id=0)
    settings.find(qn("w:compat")).addprevious(note_pr)
    if settings.find(qn("w:updateFields")) is None:  # Word fills the contents' page numbers on opening
        insert_before(settings, make("w:updateFields", val="true"), _AFTER_UPDATE_FIELDS)
    _drop_rels(document.part, STYLES_WITH_EFFECTS)
    _drop_rels(document.part.package, RT.THUMBNAIL)
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            strip_rsids(part.element)
        elif part.partname == "/docProps/app.xml":
            part._blob = part.blob.replace(b"Microsoft Macintosh Word", b"reportgen")


def _drop_rels(owner, reltype: str) -> None:
    for rid in [rid for rid, rel in owner.rels.items() if rel.reltype == reltype]:
        del owner.rels[rid]


def save_stable(document: Document, view: ReportView) -> bytes:
    """Save, then re-zip the one stable way (dates from the view, [Content_Types].xml first)."""
    raw = io.BytesIO()
    document.save(raw)
    return stable_zip(raw.getvalue(), view.modified, first=["[Content_Types].xml", "_rels/.rels"])


# CT_Settings children that follow w:updateFields in the schema's order (those python-docx's template has).
_AFTER_UPDATE_FIELDS = tuple(qn(tag) for tag in (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
))
