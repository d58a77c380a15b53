"""Which editions share a table, and which of their standards share a column.

Editions are never mixed in one column unless the edition data says their parts correspond: an
edition's `corresponds:` list (standard and key-question ids, and whether the overall rating is
on the same scale), or a revision's `extends:` (the same framework reworded: id for id). Editions
linked so form a series, which gets one ratings table; every other edition a table of its own.
Links are followed through editions no inspection used (2019 wording → 2018 ← 2021).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem, ReportError
from ..model import Edition, ScaleRating

if TYPE_CHECKING:
    from ..house import House


@dataclass(frozen=True)
class Column:
    """One standard, or the corresponding standards of several editions: (edition id, standard id) pairs."""

    key: str  # '<edition>/<standard>' of its first member, e.g. an older edition's '2.1'
    members: tuple[tuple[str, str], ...]
    label: str  # '2.1 Assessment', as the newest edition names it

    def of(self, edition: str) -> str | None:
        return next((ident for e, ident in self.members if e == edition), None)


@dataclass(frozen=True)
class Series:
    """Editions whose ratings may share a table: their columns in reading order."""

    editions: tuple[Edition, ...]  # in the order their inspections began
    columns: tuple[Column, ...]  # standards
    key_questions: tuple[tuple[Column, Column], ...]  # (the standard's column, the key question's)
    overall: bool  # one overall rating and score column (every edition has one, and they correspond)
    scale: tuple[ScaleRating, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.editions)


class Links:
    """Union-find over parts: ('edition', id), ('standard', edition, id), ('kq', edition, id), ('overall', edition)."""

    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, node: tuple) -> tuple:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: tuple, b: tuple) -> None:
        self.parent[self.find(a)] = self.find(b)


def link(editions: dict[str, Edition]) -> Links:
    """Every correspondence among `editions` (which must hold every edition they name)."""
    links = Links()
    for edition in editions.values():
        links.find(("edition", edition.id))
        pairs: list[tuple[Edition, dict[str, str], dict[str, str], bool]] = []
        if edition.extends in editions:
            parent = editions[edition.extends]
            same = lambda ids: {i: i for i in ids}  # noqa: E731 - a revision keeps its parent's ids
            pairs.append((parent, same(s.id for s in edition.standards()),
                          same(k.id for s in edition.standards() for k in s.key_questions), True))
        pairs += [(editions[c.edition], c.standards, c.key_questions, c.overall) for c in edition.corresponds]
        for other, standards, key_questions, overall in pairs:
            links.join(("edition", edition.id), ("edition", other.id))
            ours, theirs = _ids(edition), _ids(other)
            for mine, yours in standards.items():
                if mine in ours["standard"] and yours in theirs["standard"]:
                    links.join(("standard", edition.id, mine), ("standard", other.id, yours))
            for mine, yours in key_questions.items():
                if mine in ours["kq"] and yours in theirs["kq"]:
                    links.join(("kq", edition.id, mine), ("kq", other.id, yours))
            if overall and edition.overall and other.overall:
                links.join(("overall", edition.id), ("overall", other.id))
    return links


def _ids(edition: Edition) -> dict[str, set[str]]:
    return {"standard": {s.id for s in edition.standards()}, "kq": {k.id for s in edition.standards() for k in s.key_questions}}


def problems(editions: dict[str, Edition], located) -> list[Problem]:
    """What is wrong with the editions' correspondences: unknown ids, different scales, an overall
    rating one of them lacks. `located(edition_id)` gives the edition file's Located, for positions."""
    found: list[Problem] = []
    for edition in editions.values():
        for i, c in enumerate(edition.corresponds):
            where = located(edition.id)
            other = editions[c.edition]
            if [r.name for r in other.scale] != [r.name for r in edition.scale]:
                found.append(where.problem(("corresponds", i, "edition"), f"{c.edition} with the scale {[r.name for r in other.scale]}",
                                           f"an edition with the same rating scale as {edition.id} ({[r.name for r in edition.scale]})"))
            for field, kind in (("standards", "standard"), ("key_questions", "kq")):
                for mine, yours in getattr(c, field).items():
                    if mine not in _ids(edition)[kind]:
                        found.append(where.problem(("corresponds", i, field, mine), repr(mine), f"an id of {edition.id}", key=True))
                    if yours not in _ids(other)[kind]:
                        found.append(where.problem(("corresponds", i, field, mine), repr(yours), f"an id of {c.edition}"))
            if c.overall and not (edition.overall and other.overall):
                found.append(where.problem(("corresponds", i, "overall"), "true", "false: one of the two editions has no overall rating"))
    return found


def series(used: list[Edition], editions: dict[str, Edition]) -> list[Series]:
    """The series of the editions `used` (in the order their inspections began); `editions` also
    holds every edition they name, whose links are followed."""
    links = link(editions)
    groups: dict[tuple, list[Edition]] = {}
    for edition in used:
        groups.setdefault(links.find(("edition", edition.id)), []).append(edition)
    result = []
    for members in groups.values():
        columns = _columns(members, links, "standard", lambda e: [(s.id, f"{s.id} {s.name}") for s in e.standards()])
        kq_columns = _columns(members, links, "kq", lambda e: [(k.id, f"{k.id} {k.text}") for s in e.standards() for k in s.key_questions])
        parent = {(e.id, k.id): s.id for e in members for s in e.standards() for k in s.key_questions}

        def standard_column(kq: Column) -> Column:
            edition, ident = kq.members[0]
            return next(c for c in columns if c.of(edition) == parent[(edition, ident)])

        key_questions = tuple((standard_column(kq), kq) for kq in kq_columns)
        overall = all(e.overall for e in members) and len({links.find(("overall", e.id)) for e in members}) == 1
        result.append(Series(tuple(members), columns, key_questions, overall, members[-1].scale))
    return result


def _columns(members: list[Edition], links: Links, kind: str, parts) -> tuple[Column, ...]:
    """Columns in reading order: the first edition's, then each later edition's new parts placed
    after the last part they follow (past the earlier editions' own parts there)."""
    order: list[tuple] = []
    seen: dict[tuple, list[tuple[str, str]]] = {}
    labels: dict[tuple, str] = {}
    for edition in members:
        position = 0
        for ident, label in parts(edition):
            root = links.find((kind, edition.id, ident))
            if root in seen:
                position = order.index(root) + 1
            else:
                while position < len(order) and all(e != edition.id for e, _ in seen[order[position]]):
                    position += 1
                order.insert(position, root)
                seen[root] = []
                position += 1
            seen[root].append((edition.id, ident))
            labels[root] = label  # the newest edition's words
    counts: dict[str, int] = {}
    for root in order:
        counts[labels[root]] = counts.get(labels[root], 0) + 1
    return tuple(
        Column(f"{seen[root][0][0]}/{seen[root][0][1]}", tuple(seen[root]),
               labels[root] if counts[labels[root]] == 1 else f"{labels[root]} ({', '.join(e for e, _ in seen[root])})")
        for root in order
    )


def closure(ids: list[str], house: House) -> dict[str, Edition]:
    """The editions `ids`, and every edition they extend or name as corresponding, checked:
    a correspondence that names no edition, or parts either edition lacks, is an error."""
    from ..editions import resolve

    available, folders = house.editions, list(house.folders.editions)
    loaded: dict[str, Edition] = {}
    wanted, found = list(ids), []
    while wanted:
        edition = loaded.setdefault(wanted[0], house.edition(wanted[0]))
        wanted.pop(0)
        for i, c in enumerate(edition.corresponds):
            if c.edition not in available:
                where = resolve(folders, edition.id, str)
                found.append(where.problem(("corresponds", i, "edition"), repr(c.edition), f"an edition among {sorted(available)}"))
        wanted += [e for e in (edition.extends, *(c.edition for c in edition.corresponds))
                   if e and e not in loaded and e not in wanted and e in available]
    if not found:
        found = problems(loaded, lambda ident: resolve(folders, ident, str))
    if found:
        raise ReportError(found)
    return loaded
