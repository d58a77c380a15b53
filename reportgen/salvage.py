"""What of the findings can still be checked when some values are refused: one pass finds every problem.

pydantic refuses a file as a whole; the edition's rules (rating words, key-question and prompt
ids, counts against relevant cases) need a model. `salvage` builds the model with every refused
value left out — an optional field takes its default, a required one is None, a refused list
item stays in place as None so positions keep their meaning — and the rules skip what depends on
a value left out (`Damaged`), so a slip is never reported twice or as a second, made-up problem.
"""

from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

Path_ = tuple[str | int, ...]


class Damaged:
    """The places whose values were refused (pydantic's error locations, as paths in the file)."""

    def __init__(self, paths: typing.Iterable[Path_] = ()):
        self.paths = {tuple(p) for p in paths}

    def __bool__(self) -> bool:
        return bool(self.paths)

    def at(self, *path: str | int) -> bool:
        """True if the value at `path`, or anything inside it, was refused."""
        return any(p[: len(path)] == path for p in self.paths)

    def around(self, *path: str | int) -> bool:
        """True if the value at `path`, anything inside it or anything holding it was refused."""
        return any(p[: len(path)] == path or path[: len(p)] == p for p in self.paths)


def salvage(model: type[BaseModel], data: Any) -> BaseModel | None:
    """`data` as `model`, every value pydantic refuses left out; None if `data` is not fields at all."""
    try:
        return model.model_validate(data)
    except ValidationError:
        pass
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name in data:
            value = _value(_adapter(model, name), field.annotation, data[name])
            if value is not None:
                values[name] = value
        if name not in values and field.is_required():
            values[name] = None  # left out: the rules see it absent
    return model.model_construct(**values)


def _value(adapter: TypeAdapter, annotation: Any, value: Any) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return _inside(annotation, value)


def _inside(annotation: Any, value: Any) -> Any:
    """What can be kept of a refused value: the good parts of fields, lists and keyed entries."""
    annotation = _plain(annotation)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return salvage(annotation, value)
    if origin in (typing.Union, types.UnionType):
        models = [a for a in map(_plain, typing.get_args(annotation)) if isinstance(a, type) and issubclass(a, BaseModel)]
        return salvage(models[0], value) if models and isinstance(value, dict) else None
    if origin is tuple and isinstance(value, list):
        element = typing.get_args(annotation)[0]
        return tuple(_value(_element_adapter(element), element, item) for item in value)
    if origin is dict and isinstance(value, dict):
        key_type, element = typing.get_args(annotation)
        keys, items = _element_adapter(key_type), _element_adapter(element)
        kept = {}
        for key, item in value.items():
            try:
                key = keys.validate_python(key)
            except ValidationError:
                continue
            item = _value(items, element, item)
            if item is not None:
                kept[key] = item
        return kept
    return None


def _plain(annotation: Any) -> Any:
    """Without Annotated and without None in an Optional."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(arms) == 1:
            return _plain(arms[0])
    return annotation


@lru_cache(maxsize=None)
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    """A validator for one field of `model`, its constraints (ge, min_length, pattern) included."""
    field: FieldInfo = model.model_fields[name]
    return TypeAdapter(typing.Annotated[field.annotation, field])


@lru_cache(maxsize=None)
def _element_adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)
