"""``njit`` for convkit's kernels: cached on disk, and still working on a read-only install.

Numba decides where a ``cache=True`` function's cache lives when the function
is decorated, and raises ``RuntimeError("cannot cache function ...: no locator
available")`` when no location is writable (a read-only site-packages with an
unusable HOME and NUMBA_CACHE_DIR). convkit then compiles in memory instead,
once per process, and says so once.
"""

from __future__ import annotations

import warnings

import numba

__all__ = ["njit"]

_warned = False


def njit(*args, **options):
    """Like :func:`numba.njit`; with ``cache=True`` it falls back to ``cache=False`` when caching is impossible."""

    def decorate(func):
        global _warned
        if not options.get("cache"):
            return numba.njit(**options)(func)
        try:
            return numba.njit(**options)(func)
        except RuntimeError as exc:
            if "no locator available" not in str(exc):
                raise
            if not _warned:
                _warned = True
                warnings.warn(f"convkit: Numba cannot cache compiled kernels here ({exc}); they are compiled "
                              "in memory in every process (set NUMBA_CACHE_DIR to a writable folder)",
                              RuntimeWarning, stacklevel=3)
            return numba.njit(**{**options, "cache": False})(func)

    if args and callable(args[0]):
        return decorate(args[0])
    return decorate
