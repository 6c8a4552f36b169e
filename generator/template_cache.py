"""Compiled templates kept between runs (Jinja's bytecode cache): compiling every template is most of the
generator's own time on a small spec, and the library's is spent meanwhile in the models process.

Jinja's ``FileSystemBytecodeCache`` keys each entry by the template's name and checks the source's checksum on
load, so an edited template is compiled afresh; its default directory is a per-user one it makes with mode 0700
and refuses when another user owns it. A cache that cannot be used is no cache: the run compiles as before.
"""

from __future__ import annotations

import jinja2


class _BestEffortCache(jinja2.FileSystemBytecodeCache):
    """A cache entry that cannot be written (a full or read-only disk) is skipped, never a failed run."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache() -> jinja2.BytecodeCache | None:
    try:
        return _BestEffortCache()
    except (OSError, RuntimeError):  # no temporary directory of this user's own
        return None
