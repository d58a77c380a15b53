"""`reportgen edition check FILE`: every problem of an edition file, one line each, in file order.

What the model refuses (an unknown key, a rating word not on the scale, a printing that names
wording the boilerplate lacks), and what only makes sense across the file: ids given twice, bands
out of order or out of reach, a standard rated from cases with no key questions, wording that will
not compile or refers to a footnote that does not exist, a template folder that is not there, and
in a revision an id the edition it extends does not have (a typo adds an item instead of
rewording one). Positions are the file's own: a slip in the edition a revision extends is
reported there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from pydantic import ValidationError

from ..errors import Problem
from ..load import Path_
from ..model import FOOTNOTE_REF, Edition
from ..typed import _data_loc, _problem
from .source import EditionSource

Found = Iterator[Problem]


def check_edition(source: EditionSource, templates: tuple[Path, ...]) -> tuple[Edition | None, list[Problem]]:
    """The edition (None where the model refuses it) and every problem found; `templates`: the template folders."""
    problems = list(_named_as_file(source))
    edition = None
    try:
        edition = Edition.model_validate(source.data)
    except ValidationError as error:
        seen: set[Path_] = set()
        for item in error.errors(include_url=False):
            loc = _data_loc(tuple(item["loc"]))
            if loc in seen:
                continue
            seen.add(loc)
            file, mapped = source.located(loc)
            problems.append(_problem(Edition, file, {**item, "loc": mapped}))
    data = source.data
    found = [p for rule in (_ids_once, _bands, _case_standards, _wording, _revision) for p in rule(source, data)]
    found += _template(source, data, templates)
    if any(p.found.startswith("the rating ") for p in found):  # said at the band, not again for the whole file
        problems = [p for p in problems if not (p.line in (None, 1) and "band rating" in p.expected + p.found)]
    problems += found
    return edition, sorted(set(problems), key=lambda p: (p.file != source.own.file, p.file, p.line or 0, p.column or 0))


def _named_as_file(source: EditionSource) -> Found:
    own = source.own
    stem = own.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    ident = source.data.get("id") if isinstance(own.data, dict) else None
    if isinstance(ident, str) and isinstance(own.data, dict) and own.data.get("id") != stem:
        yield own.problem(("id",), repr(own.data.get("id")), f"{stem!r}, the file's name: reports name an edition by its file")


def _items(data: dict, *keys: str) -> Iterator[tuple[Path_, dict]]:
    """Every domain, standard, key question and prompt with its path, down to the level `keys` names."""
    def walk(value: Any, path: Path_, rest: tuple[str, ...]) -> Iterator[tuple[Path_, dict]]:
        if not rest:
            return
        for i, item in enumerate(value.get(rest[0]) or () if isinstance(value, dict) else ()):
            if isinstance(item, dict):
                if len(rest) == 1:
                    yield (*path, rest[0], i), item
                yield from walk(item, (*path, rest[0], i), rest[1:])
    yield from walk(data, (), keys)


def _ids_once(source: EditionSource, data: dict) -> Found:
    """Domains, standards and key questions are numbered through the edition; prompts within their key question."""
    for level, keys in (("domain", ("domains",)), ("standard", ("domains", "standards")),
                        ("key question", ("domains", "standards", "key_questions"))):
        seen: dict[str, Path_] = {}
        for path, item in _items(data, *keys):
            ident = str(item.get("id"))
            if ident in seen:
                yield source.problem((*path, "id"), f"{level} {ident!r} a second time", f"each {level} once (ids are how findings name them)")
            seen.setdefault(ident, path)
    for path, question in _items(data, "domains", "standards", "key_questions"):
        ids = [str(p.get("id")) for p in question.get("prompts") or () if isinstance(p, dict)]
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                yield source.problem((*path, "prompts", i, "id"), f"prompt {ident!r} a second time", "each prompt of a key question once")


def _bands(source: EditionSource, data: dict) -> Found:
    """Bands start at 0 and rise, so every value has one rating; the top overall band is reachable."""
    scale = [r for r in data.get("scale") or () if isinstance(r, dict)]
    scores = [r.get("score") for r in scale]
    if all(isinstance(s, int) for s in scores) and scores != sorted(scores):
        yield source.problem(("scale",), f"scores {scores}", "the scale lowest first: each rating's score at least the one before")
    overall = data.get("overall") if isinstance(data.get("overall"), dict) else {}
    for path, bands in ((("case_bands",), data.get("case_bands")), (("overall", "bands"), overall.get("bands"))):
        minimums = [b.get("minimum") for b in bands or () if isinstance(b, dict)]
        if not minimums or not all(isinstance(m, int) for m in minimums):
            continue
        if minimums[0] != 0:
            yield source.problem((*path, 0, "minimum"), str(minimums[0]), "0: the first band starts at 0, so every value has a rating")
        for i in range(1, len(minimums)):
            if minimums[i] <= minimums[i - 1]:
                yield source.problem((*path, i, "minimum"), str(minimums[i]), f"more than {minimums[i - 1]}: bands rise, lowest first")
    words = [r.get("name") for r in scale]
    for path, bands in ((("case_bands",), data.get("case_bands")), (("overall", "bands"), overall.get("bands"))):
        for i, band in enumerate(bands or ()):
            if isinstance(band, dict) and isinstance(band.get("rating"), str) and band["rating"] not in words:
                from ..messages import one_of

                yield source.problem((*path, i, "rating"), f"the rating {band['rating']!r}", one_of(band["rating"], [w for w in words if isinstance(w, str)], "a word of the scale:"))
    top = max((s for s in scores if isinstance(s, int)), default=0)
    scored = sum(1 for _, s in _items(data, "domains", "standards") if s.get("scored", True) is not False)
    overall_bands = [b for b in overall.get("bands") or () if isinstance(b, dict) and isinstance(b.get("minimum"), int)]
    areas = overall.get("from") == "areas"
    counted = sum(1 for _, d in _items(data, "domains") if d.get("rating")) if areas else scored
    if overall_bands and overall_bands[-1]["minimum"] > top * counted:
        what = f"{counted} rated areas" if areas else f"{counted} scored standards"
        yield source.problem(("overall", "bands", len(overall_bands) - 1, "minimum"), str(overall_bands[-1]["minimum"]),
                             f"at most {top * counted}, the highest score {what} can reach")


def _case_standards(source: EditionSource, data: dict) -> Found:
    """A standard rated from the case sample needs key questions, and the edition case bands."""
    for path, standard in _items(data, "domains", "standards"):
        if standard.get("method") == "cases":
            if not standard.get("key_questions"):
                yield source.problem((*path, "method"), "a standard rated from cases with no key questions",
                                     "its key questions (the lowest one's band is the rating)")
            if not data.get("case_bands"):
                yield source.problem((*path, "method"), "a standard rated from cases, and no case_bands",
                                     "case_bands: the percentage 'Yes' that earns each rating")


def _wording(source: EditionSource, data: dict) -> Found:
    """Each block of wording compiles, and every footnote it calls is among the edition's footnotes."""
    from ..house.wording import environment

    boilerplate = data.get("boilerplate") if isinstance(data.get("boilerplate"), dict) else {}
    footnotes = data.get("footnotes") if isinstance(data.get("footnotes"), dict) else {}
    for key, text in [*((("boilerplate", k), v) for k, v in boilerplate.items()), *((("footnotes", k), v) for k, v in footnotes.items())]:
        if not isinstance(text, str):
            continue
        try:
            environment().parse(text)
        except jinja2.TemplateSyntaxError as error:
            yield source.problem(key, f"the wording {_near(text, error.lineno)!r} ({error.message})",
                                 "text with {{ name }} for a fact and {% if name %}…{% endif %} around a sentence that needs one")
        for label in FOOTNOTE_REF.findall(text):
            if label not in footnotes:
                yield source.problem(key, f"a reference to footnote [^{label}]", f"a footnote {label!r} under the edition's footnotes:")


def _near(text: str, line: int | None) -> str:
    """The words around the slip: the first `{{ … }}` of the line that does not compile alone, else the line's start."""
    from ..house.wording import environment

    lines = text.split("\n")
    said = lines[(line or 1) - 1] if lines else text
    starts = [m.start() for m in re.finditer(r"\{\{", said)]
    for at, end in zip(starts, [*starts[1:], len(said)]):
        try:
            environment().parse(said[at:end])
        except jinja2.TemplateSyntaxError:
            said = said[max(0, at - 20):]
            said = ("…" + said.split(" ", 1)[-1]) if at > 20 else said
            break
    return said if len(said) <= 60 else said[:59] + "…"


def _template(source: EditionSource, data: dict, templates: tuple[Path, ...]) -> Found:
    folder = data.get("template") or data.get("id")
    if isinstance(folder, str) and not any((f / folder / "report.md.j2").is_file() for f in templates):
        path = ("template",) if "template" in source.own.data else ("id",)
        yield source.problem(path, f"no templates/{folder}/report.md.j2",
                             "a template folder with report.md.j2 (often one line: {% extends \"base/report.md.j2\" %}), "
                             "or `template:` naming an edition's folder to share")


def _revision(source: EditionSource, data: dict) -> Found:
    """A revision names what it rewords by the ids of the edition it extends: an id that edition lacks adds an item."""
    if len(source.files) < 2:
        return
    own, base = source.own, source.files[1].data
    base_ids = {str(item.get("id")) for keys in (("domains",), ("domains", "standards"), ("domains", "standards", "key_questions"))
                for _, item in _items(base, *keys)}
    for keys, level in ((("domains",), "domain"), (("domains", "standards"), "standard"),
                        (("domains", "standards", "key_questions"), "key question")):
        for path, item in _items(own.data, *keys):
            ident = str(item.get("id"))
            if ident not in base_ids:
                yield own.problem((*path, "id"), f"{level} {ident!r}, which {base.get('id')!r} does not have",
                                  f"the id of a {level} of {base.get('id')!r} to reword it (a new id adds a {level})", warning=True)

