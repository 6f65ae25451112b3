"""Whether the compiled functions a call needs are ready, and compiling them ahead of a call."""

from __future__ import annotations

import numpy as np
from numba import types
from numba.np.numpy_support import from_dtype

from . import _compiled, _drivers

__all__ = ["ready", "ensure"]


def _signature(name: str, dt: np.dtype):
    """The argument types ``_engine`` calls driver ``name`` with, for compute dtype ``dt``."""
    t = from_dtype(dt)
    i64 = types.int64
    if name == "small_1d":
        a = types.Array(t, 1, "C")
        return (a, a, a, i64)
    a3 = types.Array(t, 3, "C")
    v = types.Array(types.intp, 1, "C")
    tab = types.Array(types.intp, 2, "C")
    if name == "tiles":
        return (a3, a3, a3, v, v, v, v, v, v, i64, v, tab, i64, i64)
    if name == "blocks":
        return (a3, a3, a3, v, v, v, v, v, v, i64, v, tab, i64, i64, i64, types.boolean, i64, i64)
    if name == "columns":
        return (a3, a3, a3, v, v, i64, i64, i64, tab, i64, i64)
    raise KeyError(name)


def _driver_ready(name: str, dt: np.dtype, load: bool) -> bool:
    disp = getattr(_drivers, name)
    sig = _signature(name, dt)
    if sig in disp.overloads:
        return True
    if not load:
        disp.compile(sig)
        return True
    cache = getattr(disp, "_cache", None)
    # the key a call's compile uses: the tuple of argument types
    if cache is None or cache.load_overload(sig, disp.targetctx) is None:
        return False
    disp.compile(sig)   # found in the cache: this loads it
    return True


def ready(drivers, kernels, real_dt) -> bool:
    """Whether every driver (in its dtype) and kernel (in ``real_dt``) is compiled or loads from the cache."""
    for name in drivers:
        dt = real_dt if name != "small_1d" else None
        if dt is None:
            continue   # tiny calls: compiled in well under a second, never a stall worth avoiding
        if not _driver_ready(name, np.dtype(dt), load=True):
            return False
    return all(_compiled.is_ready(kind, n, real_dt) for kind, n in kernels)


def ensure(drivers, kernels, real_dt) -> None:
    """Compile (or load) every driver and kernel listed."""
    for name in drivers:
        if name != "small_1d":
            _driver_ready(name, np.dtype(real_dt), load=False)
    _compiled.kernel_table(real_dt, frozenset(kernels))
