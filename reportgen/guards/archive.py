"""A .docx (a zip package) opened within limits: the parts asked for, each refused before it is
inflated if it says it is too big, and cut off if it inflates past what it said.

A zip bomb (a few MB that inflate to gigabytes), a package with two entries of one name (which
one a reader takes differs between readers), or a damaged stream (zlib errors) is a one-line error.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from ..errors import Problem, ReportError

MAX_PACKAGE = 64 * 1024 * 1024  # bytes of a .docx read at all (Merton's draft: 0.3 MB)
MAX_PART = 32 * 1024 * 1024  # bytes one part may inflate to (Merton's document.xml: 1.6 MB)
MAX_PARTS_TOTAL = 64 * 1024 * 1024  # bytes all the parts read may inflate to
MAX_ENTRIES = 10_000  # entries in the package (a draft: about 20)
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, RuntimeError, ValueError, EOFError,
            NotImplementedError, struct.error, KeyError)


def fail(name: str, found: str, expected: str = "a Word .docx that opens") -> ReportError:
    return ReportError([Problem(name, None, None, "", found, expected)])


def read_parts(data: bytes, name: str, wanted: tuple[str, ...]) -> tuple[set[str], dict[str, bytes]]:
    """(every entry name, the wanted parts that exist → their bytes); one-line errors for the rest."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise fail(name, "a file that is not a zip package (corrupt or not a .docx)", "a Word .docx") from None
    except _DAMAGED as error:
        raise fail(name, f"a damaged .docx ({_reason(error)})") from None
    with package:
        entries = package.infolist()
        if len(entries) > MAX_ENTRIES:
            raise fail(name, f"a package of {len(entries):,} entries", f"a Word .docx (at most {MAX_ENTRIES:,} entries)")
        seen: dict[str, str] = {}
        for entry in entries:
            folded = entry.filename.casefold()  # part names are compared without case (OPC)
            if folded in seen:
                raise fail(name, f"a package holding {entry.filename!r} twice", "a Word .docx with one entry per part "
                           "(readers differ on which copy they take)")
            seen[folded] = entry.filename
        names = {entry.filename for entry in entries}
        parts: dict[str, bytes] = {}
        total = 0
        for part in wanted:
            if part not in names:
                continue
            info = package.getinfo(part)
            if info.file_size > MAX_PART or total + info.file_size > MAX_PARTS_TOTAL:
                raise fail(name, f"{part} inflating to {info.file_size:,} bytes (a zip bomb?)",
                           f"a Word .docx whose parts inflate to at most {MAX_PART:,} bytes")
            try:
                with package.open(info) as stream:
                    blob = stream.read(info.file_size + 1)
            except _DAMAGED as error:
                raise fail(name, f"a damaged .docx ({part}: {_reason(error)})") from None
            if len(blob) > info.file_size:
                raise fail(name, f"{part} inflating past the size it declares", "a Word .docx that is not damaged")
            total += len(blob)
            parts[part] = blob
    return names, parts


def _reason(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__
