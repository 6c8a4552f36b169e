"""Debug logging through the standard ``logging`` module, with secrets redacted."""

from __future__ import annotations

import logging
import os
import sys

import httpx

from ._secrets import REDACTED, redact, secret_query_names

DEBUG_ENV = "SDK_DEBUG"
# Query parameters whose values are credentials in their own right (recording tokens, for one).
SECRET_QUERY_PARAMS = frozenset({"token", "access_token", "api_key", "apikey", "key", "signature", "sig"})


def resolve_logger(logger: logging.Logger | None) -> logging.Logger:
    """The given logger, else the package logger: it logs each request at DEBUG whenever ordinary
    ``logging`` configuration enables DEBUG for it.

    ``SDK_DEBUG=1`` is a shortcut that also makes it write to stderr. Only the SDK's own
    logger is configured; the root logger is never touched.
    """
    if logger is not None:
        return logger
    logger = logging.getLogger("sdk")
    if os.environ.get(DEBUG_ENV, "").lower() not in ("1", "true", "yes", "on"):
        return logger
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger


class _Redact(logging.Filter):
    """Redacts what httpx and httpcore log: secret query values in the URLs of httpx's INFO line ("HTTP
    Request: GET https://..."), and every live credential by value (httpcore's DEBUG lines show headers).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            names = secret_query_names()
            record.args = tuple(redact_url(a, names) if isinstance(a, httpx.URL) else a for a in record.args)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logging's to report, not ours
            return True
        redacted = redact(message)
        if redacted is not message:
            record.msg, record.args = redacted, ()
        return True


_HTTPX_FILTER = _Redact()
# The loggers httpx and httpcore write to (a filter on a logger sees only the records logged on it).
_LIBRARY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


def redact_httpx_logs() -> None:
    """Install the filter on httpx's and httpcore's loggers once; it changes nothing else about them."""
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if _HTTPX_FILTER not in logger.filters:
            logger.addFilter(_HTTPX_FILTER)


def redact_url(url: httpx.URL, extra: frozenset[str] = frozenset()) -> str:
    """The URL with secret query values replaced, and any userinfo dropped."""
    secret = SECRET_QUERY_PARAMS | extra
    if url.userinfo:
        url = url.copy_with(userinfo=b"")
    if not url.query:
        return str(url)
    params = [(k, REDACTED if k.lower() in secret else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params))
