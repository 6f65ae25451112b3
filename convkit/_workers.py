"""The default thread count for every public function, as scipy.fft defines it.

``workers=None`` means "the current default" (1 unless :func:`set_workers`
says otherwise); a negative count wraps from ``os.cpu_count()`` (-1 is every
core). The default lives in a context variable so that threads and asyncio
tasks each see their own.
"""

from __future__ import annotations

import contextlib
import contextvars
import operator
import os
from collections.abc import Iterator

import numpy as np

__all__ = ["set_workers", "get_workers", "resolve_workers"]

_default_workers = contextvars.ContextVar("convkit_workers", default=1)


def _cpu_count() -> int:
    return os.cpu_count() or 1


def _check_int(workers) -> int:
    """``workers`` as a Python int; a TypeError naming ``workers`` for anything else.

    bool is refused although it is an int subclass: ``workers=True`` is a
    mistake, not a request for one thread.
    """
    if not isinstance(workers, (bool, np.bool_)):
        try:
            return operator.index(workers)
        except TypeError:
            pass
    hint = ""
    if isinstance(workers, str) and workers.strip().lstrip("+-").isdigit():
        hint = f" (write workers={int(workers)})"
    elif isinstance(workers, float) and workers.is_integer():
        hint = f" (write workers={int(workers)})"
    raise TypeError(f"workers must be an int or None, got {type(workers).__name__} {workers!r}{hint}")


def resolve_workers(workers: int | None) -> int:
    """Turn a user's ``workers=`` value into a positive thread count.

    Parameters
    ----------
    workers : int or None
        ``None`` takes the context default; a negative value counts back
        from the number of cores (``-1`` means all of them).

    Returns
    -------
    int
        A thread count of at least 1.

    Raises
    ------
    TypeError
        For anything but an integer or None (a string, a float, a bool),
        naming ``workers``.
    ValueError
        For 0, or a negative value below ``-os.cpu_count()``, with
        scipy.fft's messages.
    """
    if workers is None:
        return _default_workers.get()
    workers = _check_int(workers)
    if workers == 0:
        raise ValueError("workers must not be zero")
    if workers < 0:
        count = _cpu_count()
        if workers < -count:
            raise ValueError(
                f"workers value out of range; got {workers}, must not be less than {-count}"
            )
        workers += count + 1
    return workers


def get_workers() -> int:
    """Return the default number of threads used when ``workers=None``.

    Examples
    --------
    >>> import convkit
    >>> convkit.get_workers()
    1
    """
    return _default_workers.get()


@contextlib.contextmanager
def set_workers(workers: int) -> Iterator[None]:
    """Context manager that sets the default ``workers`` for convkit calls.

    Parameters
    ----------
    workers : int
        Thread count; negative values count back from the core count.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> with convkit.set_workers(2):
    ...     convkit.get_workers()
    2
    """
    token = _default_workers.set(resolve_workers(workers))
    try:
        yield
    finally:
        _default_workers.reset(token)
