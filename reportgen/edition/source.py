"""An edition file as its author wrote it: the file, the files it extends, and their data laid
together — with each place in the laid-together data traced back to the file that wrote it, so a
problem in a revision is reported in the revision and one in the edition it extends in that file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..editions import chain, overlay
from ..errors import Problem, ReportError
from ..load import Located, Path_

if TYPE_CHECKING:
    from ..house import House


@dataclass(frozen=True)
class EditionSource:
    files: tuple[Located, ...]  # the file named, then each file it extends (the root edition last)
    data: dict[str, Any]  # what they say together (editions.overlay)

    @property
    def own(self) -> Located:
        return self.files[0]

    def located(self, path: Path_) -> tuple[Located, Path_]:
        """The file that wrote the value at `path` of the laid-together data, and its path in that file:
        the revision where it names the item (lists matched by id), else the edition it extends."""
        for source in self.files:
            mapped = _mapped(path, self.data, source.data)
            if mapped is not None and (mapped in source.values or mapped in source.keys):
                return source, mapped
        for source in self.files:  # nowhere exactly: the nearest place the revision itself names
            mapped = _mapped(path, self.data, source.data, partial=True)
            if mapped:
                return source, mapped
        return self.files[0], ()

    def problem(self, path: Path_, found: str, expected: str, *, warning: bool = False, key: bool = False) -> Problem:
        source, mapped = self.located(path)
        return source.problem(mapped, found, expected, warning=warning, key=key)


def read(argument: str, house: House, display) -> EditionSource:
    """An edition by file (a .yml path) or by id (among the house's editions): its file and those it extends."""
    path = Path(argument)
    if not (path.suffix in (".yml", ".yaml") or path.exists()):
        found = house.editions.get(argument)
        if found is None:
            from ..messages import one_of

            raise ReportError([Problem(argument, None, None, "", repr(argument),
                                       one_of(argument, sorted(house.editions), "an edition file (.yml) or an edition among"))])
        path = found
    files = chain([path.parent, *house.folders.editions], path, display)
    data: dict[str, Any] = {}
    for source in reversed(files):
        if not isinstance(source.data, dict):
            return EditionSource(tuple(files), {})
        own = dict(source.data)
        own.setdefault("template", own.get("id") if "template" not in data else data["template"])
        data = overlay(data, own)
    return EditionSource(tuple(files), data)


def _mapped(path: Path_, merged: Any, own: Any, partial: bool = False) -> Path_ | None:
    """`path` of the merged data as a path of one file's data: list items matched by their id."""
    out: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            if not isinstance(merged, list) or not isinstance(own, list) or part >= len(merged):
                return tuple(out) if partial else None
            item = merged[part]
            ident = item.get("id") if isinstance(item, dict) else None
            index = next((i for i, o in enumerate(own) if isinstance(o, dict) and o.get("id") == ident), None) \
                if ident is not None else (part if part < len(own) else None)
            if index is None:
                return tuple(out) if partial else None
            merged, own = item, own[index]
            out.append(index)
        else:
            if not isinstance(merged, dict) or not isinstance(own, dict) or part not in own:
                return tuple(out) if partial else None
            merged, own = merged.get(part), own[part]
            out.append(part)
    return tuple(out)
