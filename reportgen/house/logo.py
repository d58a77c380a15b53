"""The brand's optional logo (brand.yml `logo:`), read once and checked before any format uses it.

A logo is a local PNG or SVG file inside the brand folder (the folder holding brand.yml): never
a web address, never a path out of that folder, never an SVG that would run a script or load
anything else. The HTML embeds it as a data: URL, so the page and the PDF stay self-contained.
"""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ReportError

MAX_BYTES = 2_000_000
MAX_SIDE = 10_000  # pixels (PNG) or user units (SVG) on the longer side
MAX_PIXELS = 25_000_000  # a PNG's pixels: 100 MB decoded at most
MAX_RATIO = 50  # longer side ÷ shorter
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}svg"
_EXPECTED = "a PNG or SVG file inside the brand folder {folder}, e.g. logo: logo.png"
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


@dataclass(frozen=True)
class Logo:
    media_type: str  # image/png or image/svg+xml
    data: bytes
    width: float  # intrinsic size (pixels, or SVG user units): only the ratio is used
    height: float

    @property
    def data_url(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(brand_file: Path, value: str, where: tuple[int | None, int | None], display: str) -> Logo | None:
    """The logo `value` names, relative to brand.yml's folder; None when it names none.
    Anything else is a one-line error at `where`, the `logo:` line of brand.yml."""
    if not value:
        return None
    folder = brand_file.parent.resolve()
    line, column = where

    def fail(found: str, expected: str = _EXPECTED.format(folder=folder)) -> ReportError:
        return ReportError([Problem(display, line, column, "logo", found, expected)])

    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", value, re.IGNORECASE) and not re.match(r"^[a-z]:[\\/]", value, re.IGNORECASE):
        raise fail(f"the address {value!r} (a logo is never fetched)")
    path = (folder / value).resolve()
    if not path.is_relative_to(folder):
        raise fail(f"{value!r}, which is outside the brand folder")
    if not path.is_file():
        raise fail(f"no file {value!r}")
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise fail(f"the file {value!r}, which is neither .png nor .svg")
    from ..guards.files import read_regular

    try:
        data = read_regular(path, value, limit=MAX_BYTES, what="logo")  # the size is known before a byte is read
    except ReportError as error:
        raise fail(f"{value!r}, {error.problems[0].found}", error.problems[0].expected) from None
    size = _png_size(data) if suffix == ".png" else _svg_size(data)
    if isinstance(size, str):
        raise fail(f"{value!r}, {size}")
    return Logo("image/png" if suffix == ".png" else "image/svg+xml", data, *size)


def _png_size(data: bytes) -> tuple[float, float] | str:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 24:
        return "which is not a PNG image"
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        return "an empty PNG image"
    return _bounded(float(width), float(height), "pixels")


def _svg_size(data: bytes) -> tuple[float, float] | str:
    """An SVG that only draws: no script, no foreign content, no reference outside itself."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return f"which is not well-formed SVG ({error.msg})"
    if root.tag != SVG:
        return "whose root element is not <svg>"
    if root.getroottree().docinfo.internalDTD is not None:
        return "which declares a DTD (entities are not allowed)"
    for element in root.iter():
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if tag in ("script", "foreignObject", "iframe"):
            return f"which holds a <{tag}> element"
        for name, attribute in element.attrib.items():
            local = etree.QName(name).localname
            if local.startswith("on"):
                return f"whose <{tag}> has an event handler ({local})"
            if local in ("href", "src") and not attribute.startswith(("#", "data:image/")):
                return f"which refers to {attribute[:60]!r} (a logo may use nothing outside itself)"
            if _OUTSIDE_URL.search(attribute):
                return "which refers to a url() outside itself"
        if tag == "style" and _OUTSIDE_URL.search(element.text or ""):
            return "whose style refers to a url() outside itself"
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
    else:
        lengths = [_LENGTH.match(root.get(name, "")) for name in ("width", "height")]
        width, height = (float(m.group(1)) if m else 0.0 for m in lengths)
    if not (width > 0 and height > 0):
        return "with no viewBox or width and height to size it by"
    return _bounded(width, height, "units")


def _bounded(width: float, height: float, unit: str) -> tuple[float, float] | str:
    """A logo drawn at a sane size: a decompression bomb (a small PNG of 40,000 × 40,000 pixels) or an
    SVG of extreme size or shape would fail, or eat memory, in the middle of rendering."""
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        return f"{width:,.0f} × {height:,.0f} {unit} (at most {MAX_SIDE:,} a side and {MAX_PIXELS:,} in all)"
    if max(width, height) / min(width, height) > MAX_RATIO:
        return f"{width:,.4g} × {height:,.4g} {unit}, a shape no cover can show (at most {MAX_RATIO}:1)"
    return width, height
