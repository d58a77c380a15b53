"""The edition's fixed wording (boilerplate) filled with one report's facts, or the report's own text.

A block the findings give under `boilerplate:` replaces the edition's and is printed as written
(findings text is never template source). The edition's text is a sandboxed Jinja template; a
fact the findings leave out is *missing*: a sentence guarded by `{% if inspection.meetings %}`
is left out, and one that prints it unguarded is an error `check` reports — never "None" or 0.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..marked import join, point
from ..model import TODO, Edition, Findings
from ..numbers import counted, number, words
from ..phrasing import when

if TYPE_CHECKING:
    from .brand import Brand


class MissingFact(Exception):
    """The edition's text prints a fact the findings do not give."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class _Missing(jinja2.StrictUndefined):
    """An absent fact: false in `{% if %}`, not `defined`, an error anywhere it would be printed."""

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any):
        raise MissingFact(self._undefined_name or "a value")



# StrictUndefined bound its own failing method to every operator; rebind them to this one
for _name in {**vars(jinja2.Undefined), **vars(jinja2.StrictUndefined)}:
    if getattr(jinja2.StrictUndefined, _name, None) is jinja2.Undefined._fail_with_undefined_error and _name.startswith("__"):
        setattr(_Missing, _name, _Missing._fail_with_undefined_error)
_Missing.__bool__ = lambda self: False  # type: ignore[method-assign]
_Missing.__eq__, _Missing.__ne__, _Missing.__hash__ = object.__eq__, object.__ne__, object.__hash__  # type: ignore[method-assign]


class Facts:
    """Attribute access to a findings object where None means absent (jinja sees it undefined)."""

    def __init__(self, obj: Any):
        self._obj = obj

    def __getattr__(self, name: str) -> Any:
        value = self._obj.get(name) if isinstance(self._obj, dict) else getattr(self._obj, name, None)
        if value is None or value == "":
            raise AttributeError(name)
        return value

    def __getitem__(self, key: str) -> Any:
        try:
            return self.__getattr__(key)
        except AttributeError:
            raise KeyError(key) from None


def environment() -> ImmutableSandboxedEnvironment:
    """The sandbox every pattern of the house is filled in by (the House holds one)."""
    env = ImmutableSandboxedEnvironment(undefined=_Missing, autoescape=False, keep_trailing_newline=False)
    env.concat = join  # a rating(…) printed in the wording keeps its mark (marked.py)
    env.filters.update(words=words, number=number, counted=counted, when=when)
    return env


def scale_rating(edition: Edition):
    """`rated(name)` for an edition's wording: the rating as its scale prints it in tables (with
    its mark, e.g. 'Outstanding ☆'), marked as that rating so every format colours it."""
    scale = {r.name: r for r in edition.scale}

    def rated(name: str) -> str:
        found = scale.get(name)
        if name == TODO:
            return TODO  # not rated yet: printed as the outline it is, in no rating's colour
        if found is None:
            raise MissingFact(f"rating {name!r} (not on the scale)")
        return join([f"{name} {found.mark}" if found.mark else name, point(rating=name)])

    return rated


_SANDBOX = environment()  # holds nothing of a house: every house's patterns share it, and its compiled templates


@lru_cache(maxsize=4096)
def _compiled(source: str) -> jinja2.Template:
    return _SANDBOX.from_string(source)


class Wording:
    """The edition's fixed wording, chart words and Word texts, filled in by one sandboxed Jinja
    environment; the publisher's facts come from the house's brand. Each pattern is compiled once a
    process: compiling costs a hundred times what rendering does, the same patterns are filled in for
    every standard and every chart value, and a house read again (watch, or a second command in one
    process) has the same patterns."""

    def __init__(self, brand: Brand):
        self.brand = brand

    def compiled(self, source: str) -> jinja2.Template:
        return _compiled(source)

    def facts(self, findings: Findings, **extra: object) -> dict[str, Any]:
        """The names an edition's wording may use; the publisher's come from the brand."""
        house = self.brand
        inspection = findings.inspection
        year = getattr(inspection.published, "year", inspection.published)  # TODO while not dated
        return {
            "licence_reuse": house.licence.reuse, "publisher_address": house.address_markdown(),
            "publisher_url": house.publisher.url, "publisher": house.publisher.name,
            "copyright": house.copyright_line(year),
            "inspection": Facts(inspection), "service": Facts(findings.service),
            "cases": Facts({d.id: d.cases for d in findings.domains}),
            "year": year, "isbn": inspection.isbn, "lead_inspector": inspection.lead_inspector,
            "area": findings.service.area, **extra,
        }

    def say(self, edition: Edition, findings: Findings, key: str, **extra: object) -> str:
        """One block as printed; '' where neither the findings nor the edition have it."""
        if key in findings.boilerplate:
            return findings.boilerplate[key].strip()
        source = edition.boilerplate.get(key, "")
        if not source:
            return ""
        variables = {k: v for k, v in self.facts(findings, **extra).items() if v is not None}  # None: absent
        variables["rated"] = scale_rating(edition)
        return self.compiled(source).render(variables).strip()


def blocks(edition: Edition, findings: Findings) -> dict[str, str]:
    """The text source of every block: the findings' own where given, else the edition's."""
    return {**edition.boilerplate, **findings.boilerplate}
