"""Base classes of every generated model and enum."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pydantic


class Model(pydantic.BaseModel):
    """Fields the server adds later are kept (in ``model_extra``) instead of failing old clients.

    Validators are built on first use (``defer_build``), so importing many models stays cheap.
    """

    # protected_namespaces=(): a field may start with "model_" (naming keeps every name off pydantic's own attributes)
    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, serialize_by_alias=True, defer_build=True, protected_namespaces=()
    )


class OpenEnum(Enum):
    """An enum that also accepts values it does not know yet.

    ``OrderByDirection("sideways")`` returns a member whose ``value`` is ``"sideways"`` rather than
    raising, so a new value on the server does not break a whole response. Such a member is not
    one of the class's listed members; compare ``.value`` to tell.

    A member prints as its value (``str``, f-strings, ``%s``) on every Python version: it is what goes on the wire.
    """

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(self.value, format_spec)

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        for base in cls.__mro__:
            if base in (str, int):
                if base is str and isinstance(value, int) and not isinstance(value, bool):
                    # a string enum written with numbers (``enum: [2, 3]``): servers send its known values as numbers;
                    # any other number is still not a string
                    return cls._value2member_map_.get(str(value))
                if not isinstance(value, base) or isinstance(value, bool):
                    return None
                new: Any = base.__new__
                member = new(cls, value)
                member._name_ = f"UNKNOWN_{value}"
                member._value_ = value
                return member
        return None
