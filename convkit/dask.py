"""convkit on dask arrays: convolve arrays larger than memory, chunk by chunk.

``import convkit.dask`` (never imported by ``import convkit``) gives
:func:`convolve`, :func:`correlate`, :func:`fftconvolve` and
:func:`oaconvolve` for a dask array ``in1`` (a NumPy array is wrapped) and a
NumPy kernel ``in2``.  They return a lazy dask array equal to what the
in-memory convkit function returns for the same inputs (same shape and dtype;
values within convkit's tolerance rule, integers exact), computed by any dask
scheduler: the local threaded one by default, or a ``dask.distributed``
cluster.

How (a halo, not overlap-add)
-----------------------------
On every convolution axis with kernel length ``K`` the mode keeps a window
``[start, start + M)`` of the full convolution; with ``s = (K - 1) // 2``:

1. Chunks shorter than the kernel are merged (a chunk is never shorter than
   ``K``, unless the whole axis is).
2. ``dask.array.overlap.overlap`` gives every chunk a halo of ``K - 1``
   samples of its neighbours on each side, zeros beyond the array ends
   (``boundary=0``; no padded copy of the array is made).
3. Chunk ``j`` (input ``[a_j, b_j)``) owns the outputs ``[a_j + s, b_j + s)``;
   the first chunk also owns everything from ``start``, the last everything up
   to ``start + M``. They all lie in ``[a_j, b_j + K - 1)``, so the chunk and
   its halo hold all the input they need: the in-memory convkit function runs
   in 'valid' mode on exactly that slice, returning exactly the chunk's
   outputs (convkit's dispatcher picks direct/fft/oa per chunk).

Every output is computed once, by one chunk, from contiguous input, and
nothing is computed and thrown away: 'same' and 'valid' cost what they keep.
Overlap-add (full convolution of each chunk, tails summed into the next
chunk) would write ``K - 1`` extra outputs per chunk, need a second pass (and
a second copy of the output) to add the tails, and compute the outputs that
'valid'/'same' drop; the halo costs ``2(K - 1)`` extra input samples per
chunk, copied once by dask.

Chunks along convolution axes should be much longer than the kernel for the
halo to be cheap. Batch axes (``fftconvolve``'s axes not convolved) keep
their chunks; a kernel that varies along a batch axis is sliced per chunk.
The kernel travels inside every task, so keep it small (a few MB at most).
"""

from __future__ import annotations

import dask.array as da
import numpy as np
from numpy.typing import ArrayLike

import convkit
from convkit._problem import (
    _centred_start,
    _check_mode,
    _flip_conj,
    _normalize_axes,
    _valid_swap_needed,
    check_convolve_call,
)
from convkit._problem import _region as _mode_region
from convkit._typing import Axes, Method, Mode, Workers

__all__ = ["convolve", "correlate", "fftconvolve", "oaconvolve"]



def _as_dask(x) -> da.Array:
    return x if isinstance(x, da.Array) else da.asarray(x)


def _kernel(in2) -> np.ndarray:
    if isinstance(in2, da.Array):
        in2 = in2.compute()
    return np.asarray(in2)


def _merge_small(chunks: list[int], minimum: int) -> tuple[int, ...]:
    """Merge neighbouring chunks until each has at least ``minimum`` elements."""
    out: list[int] = []
    acc = 0
    for c in chunks:
        acc += c
        if acc >= minimum:
            out.append(acc)
            acc = 0
    if acc:
        if out:
            out[-1] += acc
        else:
            out.append(acc)
    return tuple(out)


def _block(block, kernel, *, function, method, workers, geometry, sliced_axes, block_info=None):
    """One chunk: in-memory convkit in 'valid' mode on exactly the input its own outputs need.

    ``block`` is the chunk with ``K - 1`` samples of halo (zeros beyond the
    array) on each side of every convolution axis. Its output window
    ``[lo, hi)`` (in full-convolution coordinates) is read from the output
    location: ``lo = start + location``; the chunk begins at input ``lo - s``
    (or 0 for the first chunk), so the input needed, ``[lo - K + 1, hi)``,
    starts ``lo - a`` samples into ``block``.
    """
    out_loc = block_info[None]["array-location"]
    index = [slice(None)] * block.ndim
    for ax, (start, s, k) in geometry:
        lo = start + out_loc[ax][0]
        hi = start + out_loc[ax][1]
        a = 0 if block_info[None]["chunk-location"][ax] == 0 else lo - s
        index[ax] = slice(lo - a, hi - a + k - 1)
    if sliced_axes:
        kernel = kernel[tuple(slice(*out_loc[i]) if i in sliced_axes else slice(None) for i in range(kernel.ndim))]
    part = block[tuple(index)]
    if function == "convolve":
        return convkit.convolve(part, kernel, mode="valid", method=method, workers=workers)
    conv_axes = tuple(ax for ax, _ in geometry)
    return getattr(convkit, function)(part, kernel, mode="valid", axes=conv_axes, workers=workers)


def _out_dtype(name: str, dt1: np.dtype, dt2: np.dtype, ndim: int) -> np.dtype:
    """The dtype the in-memory function returns (asked of convkit on two tiny arrays)."""
    shape = (2,) * ndim
    a, b = np.ones(shape, dt1), np.ones(shape, dt2)
    if name == "convolve":
        return convkit.convolve(a, b, method="direct").dtype
    return getattr(convkit, name)(a, b).dtype


def _run(name, x: da.Array, h: np.ndarray, mode, conv_axes, out_dtype, *, method="auto", workers=None):
    """Kept region of the convolution of dask ``x`` with NumPy ``h`` over ``conv_axes``
    (other axes: ``h`` has length 1 or ``x``'s length there).

    Chunk ``j`` (input ``[a_j, b_j)`` on an axis) owns the full-convolution
    outputs ``[a_j + s, b_j + s)`` clipped to the kept region, the first chunk
    also everything before, the last everything after: all of it lies in
    ``[a_j, b_j + K - 1)``, so a halo of ``K - 1`` on each side suffices.
    """
    nd = x.ndim
    target = list(x.chunks)
    for ax in conv_axes:        # every chunk at least as long as the kernel (one chunk if the axis is shorter)
        target[ax] = _merge_small(list(x.chunks[ax]), h.shape[ax])
    if tuple(target) != x.chunks:
        x = x.rechunk(tuple(target))
    depth, pads, geometry, out_chunks = {}, [(0, 0)] * nd, [], list(x.chunks)
    for ax in conv_axes:
        n, k = x.shape[ax], h.shape[ax]
        start, m = _mode_region(mode, n, k, _centred_start)
        s = (k - 1) // 2
        chunks = x.chunks[ax]
        if k > 1:
            if len(chunks) > 1:
                depth[ax] = k - 1
            else:               # one chunk, maybe shorter than the halo: pad it explicitly
                pads[ax] = (k - 1, k - 1)
        bounds = np.cumsum((0,) + chunks)
        lo = [start] + [int(a) + s for a in bounds[1:-1]]
        hi = lo[1:] + [start + m]
        out_chunks[ax] = tuple(h_ - l_ for l_, h_ in zip(lo, hi))
        geometry.append((ax, (start, s, k)))
    if any(p != (0, 0) for p in pads):
        x = da.pad(x, pads, mode="constant").rechunk({ax: -1 for ax in range(nd) if pads[ax] != (0, 0)})
    ext = da.overlap.overlap(x, depth=depth, boundary={ax: 0 for ax in depth}) if depth else x
    sliced = tuple(i for i in range(nd) if i not in conv_axes and h.shape[i] > 1)
    return ext.map_blocks(
        _block, h, function=name, method=method, workers=workers, geometry=tuple(geometry),
        sliced_axes=sliced, chunks=tuple(out_chunks), dtype=out_dtype,
        meta=np.empty((0,) * nd, out_dtype),
    )


def _prepare_direct(in1, in2, mode, method, axes, correlate: bool):
    name = "correlate" if correlate else "convolve"
    x = _as_dask(in1)
    h = _kernel(in2)
    if axes is not None:
        ax = sorted(_normalize_axes(axes, x.ndim))
        if h.ndim == len(ax) != x.ndim:
            # a kernel with only the convolved axes: length 1 elsewhere
            shape = [1] * x.ndim
            for i, a in enumerate(ax):
                shape[a] = h.shape[i]
            h = h.reshape(shape)
        elif h.ndim == x.ndim and any(h.shape[i] != 1 for i in range(x.ndim) if i not in ax):
            raise ValueError(f"{name}: in2 must have length 1 on the axes not in axes={tuple(ax)}, got shape {h.shape}")
    method = check_convolve_call(x.ndim, h.ndim, mode, method, correlate=correlate)
    if x.ndim == 0:
        raise ValueError(f"convkit.dask.{name}: 0-d inputs are not supported; use convkit.{name}")
    _valid_swap_needed(mode, x.shape, h.shape, range(x.ndim))
    for label, shape in (("in1", x.shape), ("in2", h.shape)):
        if 0 in shape:
            raise ValueError(f"{name}: {label} cannot be empty")
    out_dtype = _out_dtype("convolve", x.dtype, h.dtype, x.ndim)
    if correlate:
        h = _flip_conj(h, range(h.ndim))
    return x, np.ascontiguousarray(h), out_dtype


def convolve(in1: da.Array | ArrayLike, in2: ArrayLike, mode: Mode = "full", method: Method = "auto",
             axes: Axes = None, *, workers: Workers = None) -> da.Array:
    """Convolve a dask array with a NumPy kernel, chunk by chunk.

    Equals ``convkit.convolve(in1, in2, mode, method)`` computed in memory
    (shape, dtype; values within convkit's tolerance, integers exact).

    Parameters
    ----------
    in1 : dask.array.Array or array_like
        The large input (a NumPy array is wrapped with ``dask.array.asarray``).
    in2 : array_like
        The kernel, in memory, same number of dimensions as ``in1`` -- or,
        with ``axes``, only the convolved axes' dimensions.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convkit.convolve`.
    method : {'auto', 'direct', 'fft', 'oa'}, optional
        Method for every chunk (``'auto'`` lets convkit choose per chunk).
    axes : int or sequence of int, optional
        Convolve only these axes: ``in2`` has length 1 on the others (or is
        given with just the convolved axes, e.g. a 1-D kernel with
        ``axes=-1``). Default: all axes, as :func:`convkit.convolve`.
    workers : int, optional
        Threads per chunk (default convkit's default, 1: dask already runs
        chunks in parallel).

    Returns
    -------
    dask.array.Array
        Lazy result; call ``.compute()`` or store it.

    Examples
    --------
    >>> import numpy as np, dask.array as da, convkit, convkit.dask
    >>> x = da.random.default_rng(0).standard_normal(100_000, chunks=10_000)
    >>> k = np.hanning(101)
    >>> y = convkit.dask.convolve(x, k, mode='same')
    >>> y.shape, y.chunks[0][:2]
    ((100000,), (10000, 10000))
    >>> bool(np.allclose(y.compute(), convkit.convolve(x.compute(), k, mode='same')))
    True
    """
    x, h, out_dtype = _prepare_direct(in1, in2, mode, method, axes, correlate=False)
    return _run("convolve", x, h, mode, list(range(x.ndim)), out_dtype, method=method, workers=workers)


def correlate(in1: da.Array | ArrayLike, in2: ArrayLike, mode: Mode = "full", method: Method = "auto",
              axes: Axes = None, *, workers: Workers = None) -> da.Array:
    """Cross-correlate a dask array with a NumPy kernel, chunk by chunk.

    Equals ``convkit.correlate(in1, in2, mode, method)`` in memory: a
    convolution with ``in2`` reversed and conjugated. Parameters as
    :func:`convolve`.

    Examples
    --------
    >>> import numpy as np, dask.array as da, convkit.dask
    >>> x = da.arange(10.0, chunks=4)
    >>> convkit.dask.correlate(x, [1.0, 0.0, -1.0], mode='valid').compute()
    array([-2., -2., -2., -2., -2., -2., -2., -2.])
    """
    x, h, out_dtype = _prepare_direct(in1, in2, mode, method, axes, correlate=True)
    return _run("convolve", x, h, mode, list(range(x.ndim)), out_dtype, method=method, workers=workers)


def _freq(name, in1, in2, mode, axes, workers):
    x = _as_dask(in1)
    h = _kernel(in2)
    if x.ndim != h.ndim:
        raise ValueError("in1 and in2 should have the same dimensionality")
    if x.ndim == 0:
        raise ValueError(f"convkit.dask.{name}: 0-d inputs are not supported; use convkit.{name}")
    if x.size == 0 or h.size == 0:
        raise ValueError(f"convkit.dask.{name}: empty inputs are not supported; convkit.{name} returns "
                         "an empty float64 array for them")
    s1, s2 = x.shape, h.shape
    listed = sorted(_normalize_axes(axes, x.ndim))
    conv_axes = [a for a in listed if s1[a] != 1 and s2[a] != 1]
    batch = [i for i in range(x.ndim) if i not in conv_axes]
    if not all(s1[i] == s2[i] or s1[i] == 1 or s2[i] == 1 for i in batch):
        raise ValueError(f"incompatible shapes for in1 and in2: {s1} and {s2}")
    _valid_swap_needed(mode, s1, s2, conv_axes)
    _check_mode(mode, "acceptable mode flags are 'valid', 'same', or 'full'")
    short = [i for i in listed if mode == "same" and s1[i] == 1 < s2[i]]
    if short:
        # as convkit.fftconvolve: a listed axis where in1 has length 1 and in2 more keeps one
        # 'same' output, in1 * in2's middle sample ((s2 - 1) // 2); axes not listed broadcast
        h = h[tuple(slice((s2[i] - 1) // 2, (s2[i] - 1) // 2 + 1) if i in short else slice(None)
                    for i in range(x.ndim))]
        s2 = h.shape
    bshape = tuple(max(s1[i], s2[i]) if i in batch else s1[i] for i in range(x.ndim))
    if bshape != s1:
        x = da.broadcast_to(x, bshape)          # in1 of length 1 against a longer kernel axis
    if not conv_axes:
        return x * h    # no axis to transform: scipy returns the product, in numpy's promoted dtype
    out_dtype = _out_dtype(name, x.dtype, h.dtype, x.ndim)
    h = np.ascontiguousarray(h)
    return _run(name, x, h, mode, conv_axes, out_dtype, workers=workers)


def fftconvolve(in1: da.Array | ArrayLike, in2: ArrayLike, mode: Mode = "full", axes: Axes = None, *,
                workers: Workers = None) -> da.Array:
    """FFT convolution of a dask array with a NumPy kernel, chunk by chunk.

    Equals ``convkit.fftconvolve(in1, in2, mode, axes)`` in memory: floating
    result, only ``axes`` convolved, the others broadcast (``in2`` may be 1
    there, or vary along them: it is sliced per chunk).

    Parameters
    ----------
    in1 : dask.array.Array or array_like
        The large input.
    in2 : array_like
        The kernel, in memory, same number of dimensions.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convkit.fftconvolve`.
    axes : int or sequence of int, optional
        Axes to convolve (default all).
    workers : int, optional
        Threads per chunk.

    Returns
    -------
    dask.array.Array

    Examples
    --------
    >>> import numpy as np, dask.array as da, convkit.dask
    >>> x = da.ones((4, 1000), chunks=(2, 250))
    >>> convkit.dask.fftconvolve(x, np.ones((1, 10)), mode='valid', axes=1).shape
    (4, 991)
    """
    return _freq("fftconvolve", in1, in2, mode, axes, workers)


def oaconvolve(in1: da.Array | ArrayLike, in2: ArrayLike, mode: Mode = "full", axes: Axes = None, *,
               workers: Workers = None) -> da.Array:
    """Overlap-add convolution of a dask array with a NumPy kernel; as :func:`fftconvolve`
    (each chunk runs :func:`convkit.oaconvolve`)."""
    return _freq("oaconvolve", in1, in2, mode, axes, workers)
