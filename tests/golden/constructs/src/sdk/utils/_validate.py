"""Building a call's request model, so that invalid arguments raise the SDK's own error."""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from ..models.errors import RequestValidationError

M = TypeVar("M", bound=pydantic.BaseModel)


def request_model(model: type[M], /, **values: Any) -> M:
    """``model(**values)``; a pydantic ``ValidationError`` becomes ``RequestValidationError`` (its ``__cause__``)."""
    try:
        return model(**values)
    except pydantic.ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, problem['loc'])) or 'arguments'}: {problem['msg']}"
            for problem in error.errors(include_url=False)
        )
        raise RequestValidationError(f"invalid arguments ({problems})") from error
