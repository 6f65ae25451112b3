"""Whether the compiled functions a call needs are ready, and compiling them ahead of a call."""

from __future__ import annotations

import numpy as np
from numba import types
from numba.np.numpy_support import from_dtype

from . import _compiled, _drivers

__all__ = ["compile_all", "ensure", "loaded", "ready"]


def _signature(name: str, dt: np.dtype):
    """The argument types ``_engine`` calls driver ``name`` with, for compute dtype ``dt``."""
    t = from_dtype(dt)
    i64 = types.int64
    if name == "small_1d":
        a = types.Array(t, 1, "C")
        return (a, a, a, i64)
    if name == "small_2d":
        a = types.Array(t, 2, "C")
        return (a, a, a, i64, i64, t)
    a3 = types.Array(t, 3, "C")
    a2 = types.Array(t, 2, "C")
    a1 = types.Array(t, 1, "C")
    v = types.Array(types.intp, 1, "C")
    tab = types.Array(types.intp, 2, "C")
    if name == "tiles":
        return (a3, a3, a3, v, v, v, v, v, v, i64, v, tab, i64, i64, i64, a2, v, v, a1, v)
    if name == "blocks":
        return (a3, a3, a3, v, v, v, v, v, v, i64, v, tab, i64, i64, i64, i64, types.boolean, i64, i64,
                a2, a2, v, v, a1, v)
    if name == "columns":
        return (a3, a3, a3, v, v, i64, i64, i64, tab, i64, i64, v, v, a1, a2)
    raise KeyError(name)


# (driver name, dtype) pairs known to be compiled in this process: a call's readiness check must
# not build Numba types (about 0.1 ms per driver) once the answer is yes, and it never turns to no.
_known: set = set()


def loaded(disp, sig: tuple) -> bool:
    """Whether Numba dispatcher ``disp`` has signature ``sig`` (a tuple of argument types) compiled in
    this process or in the on-disk cache (then it is loaded): True without compiling anything."""
    if sig in disp.overloads:
        return True
    cache = getattr(disp, "_cache", None)
    # the key a call's compile uses: the tuple of argument types
    if cache is None or cache.load_overload(sig, disp.targetctx) is None:
        return False
    disp.compile(sig)   # loads what the cache holds
    return True


def _driver_ready(name: str, dt: np.dtype, load: bool) -> bool:
    if (name, dt) in _known:
        return True
    disp = getattr(_drivers, name)
    sig = _signature(name, dt)
    if not loaded(disp, sig):
        if load:
            return False
        disp.compile(sig)   # compiles
    _known.add((name, dt))
    return True


def ready(drivers, kernels, real_dt, small_dt) -> bool:
    """Whether every driver and kernel is compiled or loads from the cache (then it is loaded).

    Tiled drivers and kernels run in ``real_dt``, the plain 1-D loop in ``small_dt``.
    """
    for name in drivers:
        if not _driver_ready(name, np.dtype(small_dt if name == "small_1d" else real_dt), load=True):
            return False
    kernels = frozenset(kernels)
    return all(_compiled.is_ready(kind, n, real_dt, kernels) for kind, n in kernels)


def ensure(drivers, kernels, real_dt, small_dt) -> None:
    """Compile (or load) every driver and kernel listed."""
    for name in drivers:
        _driver_ready(name, np.dtype(small_dt if name == "small_1d" else real_dt), load=False)
    if kernels:
        _compiled.kernel_table(real_dt, frozenset(kernels))


def compile_all(dtype, progress=None) -> None:
    """Compile (or load) every driver and kernel the engine can run for compute dtype ``dtype``.

    ``progress(name)`` is called before each one (for a warm-up display).
    """
    from . import _tiling
    dt = np.dtype(dtype)
    real = np.dtype(np.float32 if dt == np.complex64 else np.float64) if dt.kind == "c" else dt
    if dt.kind == "u":
        dt = real = np.dtype(np.int64)
    steps = [("driver", "small_1d", dt)]
    if dt.kind in "fc":
        steps.append(("driver", "small_2d", dt))
    steps += [("driver", name, real) for name in ("tiles", "blocks", "columns")]
    mt = _tiling.row_taps(real.itemsize)   # the tap counts this CPU's row passes use
    kernels = ([(_tiling.ROW, n) for n in range(mt + 1)]
               + [(_tiling.POOLED, n) for n in range(_tiling.MAX_TAPS + 1)]
               + [(_tiling.COLUMN, 0)] + [(_tiling.BLOCK, k) for k in sorted(_tiling.row_blocks())])
    steps += [("kernel", (kind, n, frozenset()), real) for kind, n in kernels]
    # the plain row kernels of the rows outside a row-blocked call's blocks
    steps += [("kernel", (_tiling.ROW, k, frozenset({(_tiling.BLOCK, k)})), real)
              for k in sorted(_tiling.row_blocks()) if k >= _tiling.WIDE]
    for what, item, t in steps:
        if progress is not None:
            name = item if what == "driver" else _tiling.kernel_name(item[0], item[1], t, item[2])
            progress(f"{what} {name} {t}")
        if what == "driver":
            getattr(_drivers, item).compile(_signature(item, t))
        else:
            _compiled._compile(item[0], item[1], t, item[2])
