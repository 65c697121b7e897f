"""Arrow schemas derived from the record models: the data contract has one source."""
from __future__ import annotations

import types
import typing
from decimal import Decimal

import pyarrow as pa
from pydantic import BaseModel

# 10 decimal places hold every printed figure exactly (万元 with 6 decimals is 元 with 2);
# 38 digits leave 28 before the point.
DECIMAL = pa.decimal128(38, 10)

_SCALAR = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), float: pa.float64(), Decimal: DECIMAL}


def _arrow_type(annotation) -> pa.DataType:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _arrow_type(args[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list:
        (item,) = typing.get_args(annotation)
        return pa.list_(_arrow_type(item))
    if annotation in _SCALAR:
        return _SCALAR[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(_fields(annotation))
    raise TypeError(f"no Arrow type for {annotation!r}")


def _fields(model: type[BaseModel]) -> list[pa.Field]:
    hints = typing.get_type_hints(model)
    return [pa.field(name, _arrow_type(hints[name])) for name in model.model_fields]


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    return pa.schema(_fields(model))
