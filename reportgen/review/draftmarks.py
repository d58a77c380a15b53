"""What a reviewer's Word copy holds for `absorb` (review side of `build --draft`): the name of
the bookmark on each paragraph of a findings field, a digest of the text it held when built,
and the findings file's name and digest as custom document properties.

The Word writer knows none of this: it writes a bookmark where a token's meta names one, and
calls the finishing steps it is given (`finishing`) before it packs the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from markdown_it.token import Token

from .fields import path_key
from ..render.docx.ooxml import Element, xml_safe
from .wordtext import FIELD_MARK, field_ranges, field_text, footnote_numbers

_UNSTAMPED = re.compile(re.escape(FIELD_MARK))  # a field bookmark as the writer names it, before its digest


@dataclass(frozen=True)
class Origin:
    """The findings file a draft was built from: absorb refuses a draft of another report, or of values
    that changed since (a change to the file's comments or layout alone is no change)."""

    name: str  # file name, e.g. merton.yml
    digest: str  # first 16 hex digits of the file's SHA-256
    service: str
    edition: str = ""
    values: str = ""  # values_digest of what the file says


PROPERTY_FINDINGS, PROPERTY_DIGEST, PROPERTY_SERVICE = "reportgen.findings", "reportgen.digest", "reportgen.service"
PROPERTY_EDITION, PROPERTY_VALUES = "reportgen.edition", "reportgen.values"


def values_digest(data: object) -> str:
    """16 hex digits of what a findings file says, as read: its values, not its bytes, so an edited comment,
    a re-wrapped line or another quoting gives the same digest. Keys and scalars by repr, so 1 and '1' differ."""
    def canonical(value: object) -> object:
        if isinstance(value, dict):
            return [[repr(key), canonical(item)] for key, item in sorted(value.items(), key=lambda kv: repr(kv[0]))]
        if isinstance(value, (list, tuple)):
            return [canonical(item) for item in value]
        return repr(value)

    text = json.dumps(canonical(data), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def field_bookmark(path: tuple, block: int) -> str:
    """'_rg1a2b3c4d_0': hidden (leading underscore) bookmark on block 0 of the field at `path`."""
    return f"{FIELD_MARK}{path_key(path)}_{block}"


def name_bookmarks(tokens: list[Token]) -> None:
    """Each paragraph or heading of a findings field (fields.tag_blocks) names its bookmark in meta."""
    for token in tokens:
        if "field" in token.meta:
            token.meta["bookmark"] = field_bookmark(*token.meta["field"])


def finishing(origin: Origin | None) -> tuple[Callable[[Document], None], ...]:
    """The steps that finish a draft's Word document: bookmarks stamped with their text's digest,
    and (given the findings file) its name, digest and service as properties."""
    def stamp(document: Document) -> None:
        numbers = footnote_numbers(document.element.body)
        stamp_field_bookmarks(document.element.body, numbers)
        stamp_field_bookmarks(document.part.part_related_by(RT.FOOTNOTES).element, numbers)  # the writer always adds the part

    return (stamp,) if origin is None else (stamp, lambda document: set_origin(document, origin))


def stamp_field_bookmarks(root: Element, numbers: dict[str, str]) -> None:
    """Give each field bookmark a digest of the text it holds ('_rg1a2b3c4d_0' → '_rg1a2b3c4d_0_5e6f70'),
    so absorb can tell a paragraph edited in Word from one whose YAML changed since the draft."""
    for start, name, paragraphs in field_ranges(root, _UNSTAMPED):
        start.set(qn("w:name"), f"{name.string}_{text_digest(field_text(paragraphs, numbers))}")


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def set_origin(document: Document, origin: Origin) -> None:
    """docProps/custom.xml naming the findings file; Word and LibreOffice keep custom properties."""
    properties = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{_escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(
            ((PROPERTY_FINDINGS, origin.name), (PROPERTY_DIGEST, origin.digest), (PROPERTY_SERVICE, origin.service),
             (PROPERTY_EDITION, origin.edition), (PROPERTY_VALUES, origin.values)), 2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{properties}</Properties>'
    ).encode("utf-8")
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _escape(value: str) -> str:
    return xml_safe(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
