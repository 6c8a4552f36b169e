"""Run inside a fresh interpreter by scripts/corpus.py: import every module of one generated package, then call
every operation, sync, through an ``httpx.MockTransport``, and print one JSON line of what happened.

    python scripts/corpus_probe.py PACKAGE

The arguments of each call are made from the method's type hints (a str is "x", a model gets its required
fields, an enum its first member, ...). An operation counts as reached when its request got to the transport;
the mock answers 200 with ``{}`` (or empty text), so what the SDK does with that answer is recorded but is not
what is measured. A call whose made-up arguments the SDK's own validation refused (``RequestValidationError``)
is recorded apart from a call that failed some other way before the transport: that one is an SDK defect.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import importlib
import inspect
import io
import json
import pkgutil
import sys
import traceback
import typing
import uuid
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any

import httpx
import pydantic
from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen, MultipleOf

MAX_DEPTH = 8


def last_line(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}".replace("\n", " ")
    return text[:300]


def where(error: BaseException) -> str:
    """The innermost frame of the traceback, for grouping crashes by cause."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""
    frame = frames[-1]
    return f"{frame.filename.rsplit('/src/', 1)[-1]}:{frame.lineno} ({frame.name})"


# -- values from type hints ---------------------------------------------------------------------------


def constrained(value: Any, metadata: Sequence[Any]) -> Any:
    """Bend a made-up value to the annotated-types constraints pydantic keeps (lengths, bounds)."""
    for item in metadata:
        if isinstance(item, MinLen) and isinstance(value, (str, list)):
            value = value * max(1, item.min_length) if value else value
            if isinstance(value, str) and len(value) < item.min_length:
                value = "x" * item.min_length
        elif isinstance(item, MaxLen) and isinstance(value, (str, list)):
            value = value[: item.max_length]
        elif isinstance(item, (Ge, Gt)) and isinstance(value, (int, float)) and not isinstance(value, bool):
            bound: Any = item.ge if isinstance(item, Ge) else item.gt
            if isinstance(bound, (int, float)) and value <= bound:
                value = type(value)(bound) + (0 if isinstance(item, Ge) else 1)
        elif isinstance(item, (Le, Lt)) and isinstance(value, (int, float)) and not isinstance(value, bool):
            bound = item.le if isinstance(item, Le) else item.lt
            if isinstance(bound, (int, float)) and value >= bound:
                value = type(value)(bound) - (0 if isinstance(item, Le) else 1)
        elif isinstance(item, MultipleOf) and isinstance(value, (int, float)) and not isinstance(value, bool):
            multiple: Any = item.multiple_of
            value = type(value)(multiple)
    return value


def make(tp: Any, depth: int = 0) -> Any:  # noqa: C901, PLR0911, PLR0912
    """A plausible value of type ``tp``."""
    if depth > MAX_DEPTH:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return constrained(make(args[0], depth + 1), args[1:])
    if tp is type(None) or tp is None:
        return None
    if origin is typing.Union or type(tp).__name__ == "UnionType":
        members = [a for a in args if a is not type(None)]
        for member in members:  # a model or a plain type before a Literal alternative
            value = make(member, depth + 1)
            if value is not None:
                return value
        return None
    if origin is typing.Literal:
        return args[0]
    if tp is Any or tp is object:
        return "x"
    if isinstance(tp, typing.TypeVar):
        return "x"
    if origin in (list, Sequence, typing.List, set, frozenset):  # noqa: UP006
        item = make(args[0], depth + 1) if args else "x"
        return [] if item is None else [item]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return (make(args[0], depth + 1),)
        return tuple(make(a, depth + 1) for a in args)
    if origin in (dict, Mapping, typing.Dict):  # noqa: UP006
        # one entry: an empty map is no value for a path parameter (the SDK refuses it, rightly)
        value = make(args[1], depth + 1) if len(args) == 2 else "x"
        return {} if value is None else {"k": value}
    if origin is type:
        return None
    if origin is not None and isinstance(origin, type):
        if issubclass(origin, (io.IOBase, typing.IO)):
            return io.BytesIO(b"x")
        return make(origin, depth + 1)
    if isinstance(tp, type):
        if issubclass(tp, bool):
            return True
        if issubclass(tp, enum.Enum):
            return next(iter(tp), None)
        if issubclass(tp, str):
            return "x"
        if issubclass(tp, int):
            return 1
        if issubclass(tp, float):
            return 1.0
        if issubclass(tp, decimal.Decimal):
            return decimal.Decimal(1)
        if issubclass(tp, bytes):
            return b"x"
        if issubclass(tp, dt.datetime):
            return dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
        if issubclass(tp, dt.date):
            return dt.date(2024, 1, 2)
        if issubclass(tp, dt.time):
            return dt.time(3, 4, 5)
        if issubclass(tp, dt.timedelta):
            return dt.timedelta(seconds=1)
        if issubclass(tp, uuid.UUID):
            return uuid.UUID(int=1)
        if issubclass(tp, (io.IOBase, typing.IO)) or tp.__name__ in ("IO", "BinaryIO"):
            return io.BytesIO(b"x")
        if issubclass(tp, pydantic.RootModel):
            return make_root(tp, depth)
        if issubclass(tp, pydantic.BaseModel):
            return make_model(tp, depth)
        if issubclass(tp, (dict, Mapping)):
            return {"k": "x"}
        if issubclass(tp, (list, tuple)):
            return []
    return "x"


def make_root(cls: type[pydantic.RootModel[Any]], depth: int) -> Any:
    field = cls.model_fields["root"]
    value = constrained(make(field.annotation, depth + 1), field.metadata)
    try:
        return cls.model_validate(value)
    except pydantic.ValidationError:
        return value


def make_model(cls: type[pydantic.BaseModel], depth: int) -> Any:
    data: dict[str, Any] = {}
    # the required fields; all of them where none is (an empty object is no path value: the SDK refuses it)
    some_required = any(field.is_required() for field in cls.model_fields.values())
    for name, field in cls.model_fields.items():
        if some_required and not field.is_required():
            continue
        key = field.alias if isinstance(field.alias, str) else name
        data[key] = constrained(make(field.annotation, depth + 1), field.metadata)
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError:
        try:
            return cls.model_construct(**data)
        except Exception:  # noqa: BLE001
            return data


# -- the walk ---------------------------------------------------------------------------------------


def import_all(package: str) -> tuple[int, list[str]]:
    root = importlib.import_module(package)
    count, failures = 1, []
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        try:
            importlib.import_module(info.name)
            count += 1
        except Exception as error:  # noqa: BLE001
            failures.append(f"{info.name}: {last_line(error)} at {where(error)}")
    return count, failures


def client_class(package: str) -> type[Any]:
    module = importlib.import_module(f"{package}.sdk")
    core = importlib.import_module(f"{package}.core")
    for value in vars(module).values():
        if isinstance(value, type) and value.__module__ == module.__name__:
            for base in value.__mro__[1:]:
                if base.__module__ == core.__name__:
                    return value
    raise LookupError(f"no client class in {module.__name__}")


def credentials(cls: type[Any]) -> dict[str, Any]:
    """Every positional argument of the client (they are the credentials) with a made-up value."""
    values = {}
    hints = typing.get_type_hints(cls.__init__)
    for name, param in inspect.signature(cls.__init__).parameters.items():
        if param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and name != "self":
            values[name] = make(hints.get(name, str)) or "k"
    return values


def resources(obj: Any, package: str, seen: set[int], dotted: str = "") -> list[tuple[str, Any]]:
    """Every resource object under ``obj``, through its cached properties (not ``with_raw_response``)."""
    found = [(dotted, obj)]
    for name in sorted(dir(type(obj))):
        attr = getattr(type(obj), name)
        if name.startswith("_") or name == "with_raw_response" or not isinstance(attr, cached_property):
            continue
        child = getattr(obj, name)
        if type(child).__module__.startswith(package) and type(child).__module__ != f"{package}.core":
            if id(child) not in seen:
                seen.add(id(child))
                found += resources(child, package, seen, f"{dotted}.{name}" if dotted else name)
    return found


def methods(obj: Any) -> list[tuple[str, Callable[..., Any]]]:
    out = []
    for name, attr in sorted(vars(type(obj)).items()):
        if name.startswith("_") or name.endswith("_async") or not inspect.isfunction(attr):
            continue
        out.append((name, getattr(obj, name)))
    return out


def arguments(method: Callable[..., Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(method, include_extras=True)
    values = {}
    for name, param in inspect.signature(method).parameters.items():
        if param.default is inspect.Parameter.empty and param.kind is not inspect.Parameter.VAR_KEYWORD:
            values[name] = make(hints.get(name, str))
    return values


def refusal(error: BaseException, values: dict[str, Any]) -> str:
    """``default_refused`` when the SDK's validation refused a parameter left at its default (an SDK defect: the
    call cannot be made as written), else ``args_refused`` (the made-up arguments did not fit)."""
    cause = error.__cause__
    if isinstance(cause, pydantic.ValidationError):
        names = {str(problem["loc"][0]) for problem in cause.errors() if problem["loc"]}
        if names and not names & set(values):
            return "default_refused"
    return "args_refused"


def finish(result: Any) -> None:
    """Consume what a call returned: a pager's first page, a stream opened and closed."""
    if hasattr(result, "__enter__") and hasattr(result, "__exit__"):
        with result:
            pass
    elif hasattr(result, "__iter__") and type(result).__name__.endswith("Pager"):
        next(iter(result), None)


def main(package: str) -> int:
    hits = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        hits[0] += 1
        return httpx.Response(200, json={})

    report: dict[str, Any] = {"modules": 0, "import_failures": [], "operations": []}
    try:
        report["modules"], report["import_failures"] = import_all(package)
        errors = importlib.import_module(f"{package}.models.errors")
        refused_type: type[Exception] = errors.RequestValidationError
        base_error: type[Exception] = next(
            v
            for k, v in vars(errors).items()
            if isinstance(v, type) and k.endswith("Error") and v.__base__ is Exception
        )
        cls = client_class(package)
        http = httpx.Client(transport=httpx.MockTransport(handler))
        sdk = cls(**credentials(cls), server_url="https://mock.invalid", client=http, max_retries=0)
    except Exception as error:  # noqa: BLE001
        report["setup_error"] = f"{last_line(error)} at {where(error)}"
        print(json.dumps(report))
        return 0
    for dotted, resource in resources(sdk, package, set()):
        for name, method in methods(resource):
            entry: dict[str, Any] = {"op": f"{dotted}.{name}" if dotted else name}
            before = hits[0]
            try:
                values = arguments(method)
            except Exception as error:  # noqa: BLE001
                entry.update(outcome="harness", error=f"{last_line(error)} at {where(error)}")
                report["operations"].append(entry)
                continue
            try:
                finish(method(**values))
                entry["outcome"] = "ok"
            except refused_type as error:
                outcome = "reached" if hits[0] > before else refusal(error, values)
                entry.update(outcome=outcome, error=last_line(error))
            except base_error as error:  # the SDK's own error, e.g. the {} answer did not validate
                entry.update(outcome="reached" if hits[0] > before else "sdk_error", error=last_line(error))
            except Exception as error:  # noqa: BLE001
                entry.update(
                    outcome="crash_after" if hits[0] > before else "crash_before",
                    error=f"{last_line(error)} at {where(error)}",
                )
            if entry["outcome"] == "ok" and hits[0] == before:
                entry["outcome"] = "no_request"
            report["operations"].append(entry)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    raise SystemExit(main(sys.argv[1]))
