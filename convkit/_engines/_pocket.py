"""scipy.fft's pocketfft transforms without importing scipy.fft (private).

``import scipy.fft`` costs 0.2 s of CPU in a process that has not imported
scipy (its uarray backend machinery and array-API helpers), paid on the first
call that needs it. The arithmetic itself is one C++ extension,
``scipy.fft._pocketfft.pypocketfft``, loaded here from its file alone in 1-6 ms
(the way :func:`convkit._engines._fft_plans.lib` loads pyFFTW's core). It is
registered under its own name, so a later ``import scipy.fft`` reuses it.

:func:`rfftn`, :func:`irfftn`, :func:`fftn` and :func:`ifftn` make exactly the
``pypocketfft`` call that scipy.fft's functions of the same name make for a
numpy array with ``norm=None`` (scipy 1.10-1.17: zero-pad or cut to ``s``,
``norm`` code 0 forward and 2, i.e. ``1/n``, inverse), so their results are
bitwise scipy.fft's. Without the extension (another scipy layout) they are
scipy.fft's functions themselves.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from functools import lru_cache

import numpy as np

__all__ = ["core", "rfftn", "irfftn", "fftn", "ifftn", "r2c_lines_into", "c2r_lines_into"]

_NAME = "scipy.fft._pocketfft.pypocketfft"
_core = None


def _load():
    mod = sys.modules.get(_NAME)
    if mod is not None:
        return mod
    try:
        spec = importlib.util.find_spec("scipy")
        for d in (spec.submodule_search_locations or ()):
            folder = os.path.join(d, "fft", "_pocketfft")
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "pypocketfft" + suffix)
                if os.path.exists(path):
                    ext = importlib.util.spec_from_file_location(_NAME, path)
                    mod = importlib.util.module_from_spec(ext)
                    ext.loader.exec_module(mod)
                    if not all(hasattr(mod, f) for f in ("r2c", "c2r", "c2c")):
                        raise ImportError("unexpected pypocketfft")
                    sys.modules[_NAME] = mod
                    return mod
    except Exception:        # pragma: no cover - unusual installs
        sys.modules.pop(_NAME, None)
    return False             # use scipy.fft's own functions


def core():
    """The pypocketfft extension, or ``False`` where it cannot be loaded on its own."""
    global _core
    if _core is None:
        _core = _load()
    return _core


def _fix_shape(x, s, axes):
    """scipy's ``_fix_shape``: ``x`` cut or zero-padded to ``s`` on ``axes``."""
    index = [slice(None)] * x.ndim
    pad = False
    for n, ax in zip(s, axes):
        index[ax] = slice(0, min(n, x.shape[ax]))
        pad = pad or x.shape[ax] < n
    index = tuple(index)
    if not pad:
        return x[index]
    shape = list(x.shape)
    for n, ax in zip(s, axes):
        shape[ax] = n
    return pad_into(x[index], np.empty(shape, x.dtype), axes)


def _native(x):
    """scipy's ``_asfarray`` for the float/complex arrays convkit passes: native order, aligned."""
    x = np.asarray(x)
    if not x.dtype.isnative or not x.flags.aligned:
        x = np.array(x, dtype=x.dtype.newbyteorder("="))
    return x


def rfftn(x, s, axes, workers=1):
    """``scipy.fft.rfftn(x, s, axes=axes, workers=workers)`` of a real array, bitwise."""
    pf = core()
    if not pf:
        import scipy.fft
        return scipy.fft.rfftn(x, s, axes=axes, workers=workers)
    axes = tuple(axes)
    return pf.r2c(_fix_shape(_native(x), s, axes), axes, True, 0, None, int(workers))


def irfftn(x, s, axes, workers=1, overwrite_x=False):
    """``scipy.fft.irfftn(x, s, axes=axes, workers=workers)`` of a complex array, bitwise
    (``overwrite_x`` is accepted and, as in scipy, not used)."""
    pf = core()
    if not pf:
        import scipy.fft
        return scipy.fft.irfftn(x, s, axes=axes, workers=workers, overwrite_x=overwrite_x)
    axes = tuple(axes)
    s = list(s)
    last = s[-1]
    s[-1] = last // 2 + 1
    return pf.c2r(_fix_shape(_native(x), s, axes), axes, last, False, 2, None, int(workers))


def _c2c(forward, x, s, axes, workers, overwrite_x):
    padded = _fix_shape(_native(x), s, axes)
    # like scipy, transform in place when the array is a copy of the caller's or may be
    # overwritten (pocketfft's arithmetic does not depend on where the result goes)
    own = overwrite_x or (padded is not x and padded.base is None)
    out = padded if own and padded.dtype.kind == "c" else None
    return core().c2c(padded, tuple(axes), forward, 0 if forward else 2, out, int(workers))


def fftn(x, s, axes, workers=1, overwrite_x=False):
    """``scipy.fft.fftn(x, s, axes=axes, workers=workers)``, bitwise."""
    if not core():
        import scipy.fft
        return scipy.fft.fftn(x, s, axes=axes, workers=workers, overwrite_x=overwrite_x)
    return _c2c(True, x, s, axes, workers, overwrite_x)


def ifftn(x, s, axes, workers=1, overwrite_x=False):
    """``scipy.fft.ifftn(x, s, axes=axes, workers=workers)``, bitwise."""
    if not core():
        import scipy.fft
        return scipy.fft.ifftn(x, s, axes=axes, workers=workers, overwrite_x=overwrite_x)
    return _c2c(False, x, s, axes, workers, overwrite_x)


# ---------------------------------------------------------------- into given buffers
#
# The same transforms writing into arrays the caller lends (pooled scratch, see
# convkit._engines._buffers.scratch): a fresh spectrum or padded copy of a few MiB comes
# from mmap and page-faults on first touch in a process whose heap has not grown, which
# made scipy's arithmetic 2.2-2.4x slower than FFTW on 256^2 * 63^2 'same' (817-932 faults
# a call) and 1.4-1.85x on 2-D calls of 73k-102k points (thread CPU, epyc-zen4-2c).
# pocketfft's arithmetic does not depend on where its result goes, so the bits stay scipy's.


def pad_into(x, buf, axes):
    """``x`` zero-padded into ``buf`` (``buf.shape`` at least ``x.shape`` on ``axes``, equal
    elsewhere): scipy's ``_fix_shape`` for the lengths a convolution pads to."""
    head = tuple(slice(0, n) for n in x.shape)
    buf[head] = x
    for ax in axes:
        if buf.shape[ax] > x.shape[ax]:
            tail = [slice(0, n) for n in buf.shape]
            tail[ax] = slice(x.shape[ax], None)
            for other in axes:              # earlier axes' tails are zeroed whole already
                if other < ax and buf.shape[other] > x.shape[other]:
                    tail[other] = slice(0, x.shape[other])
            buf[tuple(tail)] = 0
    return buf


def c2c_into(x, axes, forward, workers=1):
    """``fftn``/``ifftn`` of the padded complex ``x``, in place (scipy's c2c call, norm 1/n
    on the inverse)."""
    return core().c2c(x, tuple(axes), forward, 0 if forward else 2, x, int(workers))


# ------------------------------------------------------- only the lines that carry data
#
# pocketfft's multi-axis r2c is the last axis's r2c followed by a c2c over the other axes (fct 1),
# and its c2r the other axes' c2c (no scaling, into a temporary) followed by the last axis's c2r
# with the whole 1/N applied to each output as it is stored (``T(1 / long double N)``); every pass
# transforms each line on its own, whichever lines it is given (scipy.fft splits them over
# ``workers`` threads the same way). So of a zero-padded operand only the last-axis lines that hold
# its samples need a transform -- the others are all zeros and their transform is one zero line's,
# copied -- and of the inverse only the lines the caller keeps: (466, 499) * (40, 40) float32 'same'
# transforms 40 instead of 512 lines of the kernel, 466 instead of 512 of the result.


@lru_cache(maxsize=64)
def _zero_line(n: int, dtype) -> np.ndarray:
    """pocketfft's r2c of ``n`` zeros (signed zeros included), read-only."""
    z = core().r2c(np.zeros(n, dtype), (0,), True, 0, None, 1)
    z.flags.writeable = False
    return z


def r2c_lines_into(x, axes, padded_shape, px, out, workers=1):
    """scipy's ``rfftn`` of ``x`` zero-padded to ``padded_shape`` on ``axes`` (its r2c call) into
    ``out``, bitwise, transforming only ``x``'s own last-axis lines. ``px``
    is scratch of ``x.shape`` with ``padded_shape``'s length on the last axis."""
    pf = core()
    axes = tuple(axes)
    last = axes[-1]
    own = tuple(slice(0, n) for n in x.shape[:last]) + (slice(None),) + \
        tuple(slice(0, n) for n in x.shape[last + 1:])
    pf.r2c(_native(pad_into(x, px, (last,))), (last,), True, 0, out[own], int(workers))
    shape = [1] * out.ndim
    shape[last] = out.shape[last]
    z = _zero_line(padded_shape[last], x.dtype).reshape(shape)
    for ax in axes[:-1]:                # the padding's lines: each zero line's transform
        if out.shape[ax] > x.shape[ax]:
            tail = [slice(0, x.shape[i]) if i != last else slice(None) for i in range(out.ndim)]
            tail[ax] = slice(x.shape[ax], None)
            for other in axes[:-1]:     # earlier axes' tails are filled whole already
                if other < ax:
                    tail[other] = slice(None)
            out[tuple(tail)] = z
    if len(axes) > 1:
        pf.c2c(out, axes[:-1], True, 0, out, int(workers))
    return out


def c2r_lines_into(spectrum, axes, last, kept, circ, out, workers=1):
    """``out[...] = irfftn(spectrum, ...)[kept]`` as scipy's c2r call makes it (``last``: the
    last axis's length), bitwise, transforming only the last-axis lines that ``kept`` (one
    slice per axis of the padded result) keeps.
    ``spectrum`` is overwritten; ``circ`` is scratch of the kept lines' shape (``kept``'s
    extents, ``last`` points on the last axis)."""
    pf = core()
    axes = tuple(axes)
    ax = axes[-1]
    if len(axes) > 1:
        pf.c2c(spectrum, axes[:-1], False, 0, spectrum, int(workers))
    lines = tuple(slice(None) if i == ax else k for i, k in enumerate(kept))
    pf.c2r(spectrum[lines], (ax,), last, False, 0, circ, int(workers))
    n = last
    for i in axes[:-1]:
        n *= spectrum.shape[i]
    # the products pocketfft forms as it stores each output, on the kept samples alone
    np.multiply(circ[tuple(k if i == ax else slice(None) for i, k in enumerate(kept))],
                circ.dtype.type(1 / np.longdouble(n)), out=out)
    return out
