"""Debug logging through the standard ``logging`` module, with secrets redacted."""

from __future__ import annotations

import logging
import os
import sys

import httpx

DEBUG_ENV = "SYLLABLESDK_DEBUG"
REDACTED = "<redacted>"
# Query parameters whose values are credentials in their own right (recording tokens, for one).
SECRET_QUERY_PARAMS = frozenset({"token", "access_token", "api_key", "apikey", "key", "signature", "sig"})


def resolve_logger(logger: logging.Logger | None) -> logging.Logger | None:
    """The given logger, or with ``SYLLABLESDK_DEBUG=1`` the package logger writing to stderr.

    Only the SDK's own logger is configured; the root logger is never touched.
    """
    if logger is not None:
        return logger
    if os.environ.get(DEBUG_ENV, "").lower() not in ("1", "true", "yes", "on"):
        return None
    logger = logging.getLogger("syllable_sdk")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger


class _RedactURLs(logging.Filter):
    """Redacts secret query values in the URLs httpx logs at INFO ("HTTP Request: GET https://...")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(redact_url(a) if isinstance(a, httpx.URL) else a for a in record.args)
        return True


_HTTPX_FILTER = _RedactURLs()


def redact_httpx_logs() -> None:
    """Install the filter on httpx's logger once; it changes nothing else about that logger."""
    logger = logging.getLogger("httpx")
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
