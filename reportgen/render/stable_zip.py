"""The one way reportgen writes a zip package (.docx, .ods): the same bytes for the same content.

python-docx and odfpy stamp entries with the clock and the process's umask and order them as they
were written; re-zipping fixes all three, so the same findings give the same file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone

ZIP_FIRST, ZIP_LAST = (1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58)  # what a zip (DOS) date can hold


def stable_zip(package: bytes, modified: datetime, first: Sequence[str] = (), stored: Sequence[str] = ()) -> bytes:
    """`package` re-zipped: the entries named in `first` first (in that order), then the rest by name;
    every entry dated `modified` (UTC, clamped to what a zip can hold), with no owner or permission
    bits, deflated at level 6 except those in `stored`."""
    stamp = min(max(modified.astimezone(timezone.utc).timetuple()[:6], ZIP_FIRST), ZIP_LAST)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        order = sorted(source.namelist(), key=lambda name: (list(first).index(name) if name in first else len(first), name))
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
