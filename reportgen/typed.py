"""YAML data → a pydantic model, or one problem line per faulty place (file, line, field, found,
expected). The findings (validate.py) and every file of the house (house/) are read through it.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model as _model
from .errors import Problem, ReportError
from .load import Located, Path_
from .messages import expected, found, one_of
from .salvage import Damaged

# pydantic names the branch of a union in an error's location ('str', 'Section'); YAML has no such key.
UNION_BRANCHES = frozenset({"str", *(n for n, v in vars(_model).items() if isinstance(v, type) and issubclass(v, BaseModel))})


def to_model(model: type[BaseModel], source: Located, *, unions: bool = True) -> Any:
    """`source`'s data as `model`, or ReportError with one line per faulty place. `unions`: the model
    has unions whose branch names pydantic puts in an error's location; a model without them (the
    house's files, whose keys may be capitalised Word style names) says False, so every key is kept."""
    instance, problems, _ = validated(model, source, unions=unions)
    if problems:
        raise ReportError(problems)
    return instance


def validated(model: type[BaseModel], source: Located, *, unions: bool = True) -> tuple[Any, list[Problem], Damaged]:
    """The model, or None with what it refuses (one problem per place) and those places."""
    try:
        return model.model_validate(source.data), [], Damaged()
    except ValidationError as exc:
        problems: dict[Path_, Problem] = {}
        meant: list[Path_] = []  # the field a misspelt one stands for: its absence is not a second problem
        for error in exc.errors(include_url=False):
            loc = _data_loc(tuple(error["loc"])) if unions else tuple(error["loc"])
            problems.setdefault(loc, _problem(model, source, {**error, "loc": loc}, unions))  # one line per place
            if error["type"] == "extra_forbidden":
                meant += [(*loc[:-1], name) for name in difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), 1, 0.6)]
        return None, list(problems.values()), Damaged([*problems, *meant])


def _data_loc(loc: Path_) -> Path_:
    """The place in the file: without the names pydantic adds for each member of a union ('Note', 'str')."""
    return tuple(p for p in loc if not (isinstance(p, str) and (p[:1].isupper() or "[" in p or p in _TYPE_NAMES
                                                               or p.startswith(("constrained-", "function-", "lax-")))))


_TYPE_NAMES = {"str", "int", "bool", "float", "list", "tuple", "dict", "date"}


def _problem(model: type[BaseModel], source: Located, error: dict, unions: bool = True) -> Problem:
    loc: Path_ = tuple(part for part in error["loc"] if not unions or part not in UNION_BRANCHES)  # 'str' | 'Section' tags
    kind = error["type"]
    if kind == "extra_forbidden":
        return source.problem(loc, f"an unknown field {loc[-1]!r}", one_of(str(loc[-1]), _fields_at(model, loc[:-1]), "a field among"), key=True)
    if kind == "missing":
        return source.problem(loc, "nothing", f"a value for {loc[-1]!r} (required)", key=True)
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    inner = _model_at(model, loc)
    keys = [k for k in inner.model_fields if k != "notes"] if inner else None
    value = error.get("input")
    return source.problem(loc, found(kind, value), expected(kind, field, value, error.get("ctx") or {}, error["msg"], keys))


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    inner = _model_at(model, loc)
    return list(inner.model_fields) if inner else []


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The pydantic model class that validates the value at `loc`, to suggest its field names."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        else:
            current = _element_type(current)
        while typing.get_origin(current) in (typing.Union, types.UnionType):
            current = next(a for a in typing.get_args(current) if a is not type(None))
    if typing.get_origin(current) in (tuple, dict, list):
        return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _element_type(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[-1] if typing.get_origin(annotation) is dict else args[0]
