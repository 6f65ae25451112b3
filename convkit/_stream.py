"""Streaming (stateful) convolution: feed a signal in chunks, get the one-shot result in pieces.

:class:`StreamConvolver` holds one 1-D kernel and the state of one stream.
Every ``feed(chunk)`` returns the outputs that have become computable, and
``flush()`` returns the rest; concatenating everything along ``axis`` gives
``convkit.convolve(whole_signal, kernel, mode=mode)`` (per channel), within
convkit's tolerance rule.

Two engines, chosen once at construction:

``'direct'`` (short kernels, ``K <= DIRECT_MAX_TAPS``)
    Keeps the last ``K - 1`` input samples per channel and runs
    :func:`convkit._engines.direct.convolve` on ``history + chunk`` for exactly
    the new outputs.  Zero latency: a chunk of ``n`` samples gives ``n`` full
    outputs at once.

``'fdl'`` (long kernels): uniformly partitioned overlap-save
    The kernel is cut into ``P = ceil(K / B)`` partitions of ``B`` taps
    (``B = block_size``); each partition's spectrum ``H_p`` (length-``L``
    transform, ``L = next_fast_len(2B - 1)``, scaled by ``1/L``) is computed
    once.  Input is gathered into blocks of ``B`` samples; for block ``t`` the
    last ``L`` input samples are transformed (pyFFTW, plans owned by the
    instance) and pushed into a ring buffer of ``P`` spectra, the *frequency
    domain delay line*.  Then ``Y_t = sum_p X_{t-p} * H_p`` (a Numba
    multiply-accumulate over the ring) and the last ``B`` samples of the
    inverse transform of ``Y_t`` are output samples ``tB .. tB + B - 1``.
    Latency is one block (``feed`` returns outputs only for complete
    blocks), not the kernel length; the cost per sample is about
    ``K / B`` complex multiply-adds plus two length-``L`` transforms per
    ``B`` samples.  Partitions that can only meet zeros (the stream's first
    ``P - 1`` blocks, the tail computed by ``flush``) are skipped.

State is ``O(K + B)`` per channel and never grows with the stream length
(:attr:`StreamConvolver.nbytes`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from ._typing import Mode, Partition, StreamMethod, Workers

__all__ = ["StreamConvolver", "DIRECT_MAX_TAPS"]

#: kernels with at most this many taps run on the direct engine by default
DIRECT_MAX_TAPS = 64
#: partition='auto' splits the kernel in two levels when K >= this many blocks
TWO_LEVEL_MIN_BLOCKS = 64
#: block size of the tail level, in head blocks
TWO_LEVEL_RATIO = 16
#: The tail level's transforms of at least this many points are cut into 2 sub-transforms
#: of half the length (4 from twice this), each run by another short block, so that no
#: short block carries a whole long transform. 2-core AMD EPYC (lscpu: family 25 model 17),
#: K = 96000, B = 1024 (L = 32768), thread CPU time per step of the tail level: whole
#: transforms 120 / 147 us against 13 us for a MAC step, median feed 97 us, so the blocks
#: running them cost 2.0x / 2.4x the median; 2 parts: 61, 56 / 96, 88 us, MAC steps 25 us
#: (they also assemble the spectrum), median 117 us, worst 1.6x; 4 parts: median 131 us,
#: worst 1.2x. At L = 16384 (B = 512) the whole transforms cost 1.6x the median: not cut.
#: Reproduce: ``benchmarks/scripts/stream_latency.py --B 512 1024 --K 96000 --steps``.
SPLIT_MIN = 32768

#: zero blocks fed (then forgotten) at construction: CPython 3.11+ specialises a function's
#: bytecode after several runs, and a two-level stream's tail job spans 16 blocks. With one
#: warm-up feed, the first feeds of a direct stream cost 2.2, 1.8, 1.5, 1.4x the median feed's
#: CPU time (B = 64, K = 32, first stream of the process; 2-core AMD EPYC).
WARM_FEEDS = 2 * TWO_LEVEL_RATIO

_MODES = ("full", "same", "valid")
_METHODS = ("auto", "direct", "fdl")


def _stream_dtype(dt: np.dtype) -> np.dtype:
    """The dtype a stream computes and returns in: floats keep their precision,
    integers and booleans become float64, float16 becomes float32."""
    if dt.kind in "biu":
        return np.dtype(np.float64)
    if dt.kind == "f":
        if dt.itemsize <= 4:
            return np.dtype(np.float32)
        if dt.itemsize == 8:
            return np.dtype(np.float64)
    if dt.kind == "c":
        if dt.itemsize == 8:
            return np.dtype(np.complex64)
        if dt.itemsize == 16:
            return np.dtype(np.complex128)
    raise ValueError(f"StreamConvolver: unsupported dtype {dt} (expected bool, integer, float32/64 "
                     "or complex64/128)")


def default_block_size(k: int) -> int:
    """Default FDL block size for a ``k``-tap kernel: ``K/8`` rounded up to a
    power of two, clipped to ``[256, 4096]``."""
    want = max(1, k // 8)
    return int(min(4096, max(256, 1 << (want - 1).bit_length())))


# --------------------------------------------------------------------------
# Numba multiply-accumulate over the frequency-domain delay line


_mac_kernel = None


def _mac():
    """The compiled MAC kernel (Numba imported on first use, cached on disk)."""
    global _mac_kernel
    if _mac_kernel is None:
        from ._engines._jit import njit

        # Only 'contract' (FMA): full fastmath would assume no NaN/inf and
        # change what a non-finite sample does to its output block.
        @njit(cache=True, nogil=True, fastmath={"contract"})
        def fdl_mac(ring, H, idx, p_lo, p_hi, out, f0, f1):
            """out[c, f] = sum_{p_lo <= p < p_hi} ring[(idx - p) % P, c, f] * H[p, f], f0 <= f < f1."""
            P = ring.shape[0]
            C = ring.shape[1]
            for c in range(C):
                for f in range(f0, f1):
                    out[c, f] = 0
            for p in range(p_lo, p_hi):
                s = idx - p
                if s < 0:
                    s += P
                h = H[p]
                for c in range(C):
                    x = ring[s, c]
                    o = out[c]
                    for f in range(f0, f1):
                        o[f] += x[f] * h[f]

        _mac_kernel = fdl_mac
    return _mac_kernel


# --------------------------------------------------------------------------


class StreamConvolver:
    """Convolve a signal that arrives in chunks with a fixed 1-D kernel.

    The concatenation along ``axis`` of every array returned by
    :meth:`feed` and :meth:`flush` equals
    ``convkit.convolve(whole_signal, kernel, mode=mode)`` (for a
    multi-channel signal: per channel along ``axis``), within convkit's
    tolerance rule (float64 relative L2 error <= 1e-12, float32 <= 1e-5).

    Parameters
    ----------
    kernel : array_like
        1-D kernel of ``K >= 1`` taps, shared by all channels.
    mode : {'full', 'same', 'valid'}, optional
        As in :func:`convkit.convolve`. 'same' holds back the first
        ``(K - 1) // 2`` full outputs and stops after as many outputs as
        samples were fed; 'valid' emits only outputs where the kernel lies
        inside the signal. When the whole signal turns out shorter than the
        kernel, 'valid' does what :func:`convkit.convolve` does (it swaps
        the inputs): nothing is emitted by :meth:`feed` and :meth:`flush`
        returns the ``K - N + 1`` outputs ``full[N-1 : K]``.
    axis : int, optional
        The time axis of every chunk (default -1). Chunks may have any
        other (channel) dimensions; they are fixed by the first chunk.
    block_size : int, optional
        Block length ``B`` of the partitioned (FDL) engine: its latency
        and partition size. Default: :func:`default_block_size` (``K/8``
        rounded up to a power of two, in ``[256, 4096]``). Ignored by the
        direct engine.
    dtype : dtype, optional
        The dtype of the stream. Default: ``numpy.result_type(kernel,
        first chunk)``, with integers and booleans computed and returned as
        float64 (unlike :func:`convkit.convolve`, which keeps them exact) and
        float16 as float32. Once fixed (here, or by the first chunk), a chunk
        that cannot be cast to it within its kind (complex into a real
        stream) is a ValueError.
    workers : int, optional
        Threads for one step (``None``: convkit's default, 1). The FDL
        multiply-accumulate is split across frequency bins when large.
    method : {'auto', 'direct', 'fdl'}, optional
        Engine; 'auto' (default) uses 'direct' for ``K <= DIRECT_MAX_TAPS``
        and 'fdl' otherwise.
    partition : {'auto', 'uniform'}, optional
        FDL partitioning. 'uniform': every partition has ``B`` taps.
        'auto' (default): when ``K >= 64 B``, the first ``32 B`` taps run
        with blocks of ``B`` and the rest with blocks of ``16 B`` (two
        uniform levels; same latency, about ``K / (16 B)`` times fewer
        multiply-adds). Each long block's work is spread evenly over the 16
        short blocks that follow it (its outputs are needed only 16 blocks
        later), so every ``feed`` of one block costs about the same.
    channels : int or tuple of int, optional
        The shape of a chunk without its time axis (``()`` or ``1``: mono).
        Construction prepares the stream for it -- buffers, FFTW plans, the
        compiled kernels, each run once -- so that no ``feed`` pays a set-up
        cost. Default ``()``; a first chunk of another channel shape or
        dtype prepares again (once) at that ``feed``.

    Notes
    -----
    Real time: everything is prepared at construction (see ``channels``);
    from the first ``feed`` on, a feed of one block costs about the median
    block (``benchmarks/scripts/stream_latency.py`` measures it).

    An instance is not thread-safe: one stream, one thread at a time. Its
    FFTW plans are its own (planned on its own buffers, under convkit's
    planner lock), so any number of instances may run in parallel threads.

    The state is ``O(K + B)`` per channel and does not grow with the length
    of the stream (see :attr:`nbytes`). :meth:`reset` starts a new stream
    with the same kernel, dtype and channel shape.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> from convkit._stream import StreamConvolver
    >>> rng = np.random.default_rng(0)
    >>> x, k = rng.standard_normal(10_000), rng.standard_normal(300)
    >>> sc = StreamConvolver(k, mode='same', block_size=256)
    >>> pieces = [sc.feed(c) for c in np.array_split(x, 37)] + [sc.flush()]
    >>> y = np.concatenate(pieces)
    >>> bool(np.allclose(y, convkit.convolve(x, k, mode='same')))
    True
    """

    def __init__(self, kernel: ArrayLike, *, mode: Mode = "full", axis: int = -1, block_size: int | None = None,
                 dtype: DTypeLike | None = None, workers: Workers = None, method: StreamMethod = "auto",
                 partition: Partition = "auto", channels: int | Sequence[int] | None = None) -> None:
        from ._workers import resolve_workers

        h = np.asarray(kernel)
        if h.ndim != 1:
            raise ValueError(f"StreamConvolver: kernel must be 1-D, got shape {h.shape}")
        if h.size == 0:
            raise ValueError("StreamConvolver: kernel cannot be empty")
        if not isinstance(mode, str) or mode not in _MODES:
            raise ValueError(f"Acceptable mode flags are 'valid', 'same', or 'full', not mode={mode!r}")
        if not isinstance(method, str) or method not in _METHODS:
            raise ValueError(f"StreamConvolver: method must be 'auto', 'direct' or 'fdl', not {method!r}")
        self._h_in = h
        self.mode = mode
        self.axis = int(axis)
        self.workers = resolve_workers(workers)
        self.K = int(h.size)
        if method == "auto":
            method = "direct" if self.K <= DIRECT_MAX_TAPS else "fdl"
        self.method = method
        if partition not in ("auto", "uniform"):
            raise ValueError(f"StreamConvolver: partition must be 'auto' or 'uniform', not {partition!r}")
        self.partition = partition
        if block_size is None:
            block_size = default_block_size(self.K)
        block_size = int(block_size)
        if block_size < 1:
            raise ValueError(f"StreamConvolver: block_size must be >= 1, got {block_size}")
        self.block_size = block_size
        self.dtype = None
        self._fixed_dtype = dtype is not None
        if dtype is not None:
            dt = _stream_dtype(np.dtype(dtype))
            if h.dtype.kind == "c" and dt.kind != "c":
                raise ValueError("StreamConvolver: a complex kernel needs a complex dtype, "
                                 f"got dtype={np.dtype(dtype)}")
            if not np.can_cast(h.dtype, dt, casting="same_kind"):
                raise ValueError(f"StreamConvolver: kernel dtype {h.dtype} cannot be cast to dtype={dt}")
            self._setup_dtype(dt)
        self._chan = None           # non-axis shape of a chunk (fixed by the first chunk)
        self._ndim = None
        self._C = None
        self._state_ready = False
        self._ready_key = None      # (C, dtype) the state was built for
        self._n = 0                 # samples fed
        self._produced = 0          # full-convolution outputs computed
        self._flushed = False
        # prepare everything now for the expected channel shape and dtype
        if channels is None:
            chan = ()
        elif isinstance(channels, (int, np.integer)):
            chan = () if int(channels) == 1 else (int(channels),)
        else:
            chan = tuple(int(c) for c in channels)
        if any(c < 1 for c in chan):
            raise ValueError(f"StreamConvolver: channels must be positive, got {channels!r}")
        guess = self.dtype if self.dtype is not None else _stream_dtype(h.dtype)
        self._C = int(math.prod(chan))
        self._setup_state(guess)
        # blocks through the public path (every first-time branch of feed runs now, and often
        # enough for CPython to specialise the feed path's bytecode), then forget them
        ax = self.axis if self.axis >= 0 else len(chan) + 1 + self.axis
        if 0 <= ax <= len(chan):
            zeros = np.zeros(chan[:ax] + (self.block_size,) + chan[ax:], guess)
            for _ in range(WARM_FEEDS):
                self.feed(zeros)
            self.reset()
            self._chan = self._ndim = None
            if not self._fixed_dtype:
                self.dtype = None
        self._C = None

    # ------------------------------------------------------------------ set-up

    def _setup_dtype(self, dt: np.dtype) -> None:
        self.dtype = dt
        ready = getattr(self, "_h_ready", None)
        # the kernel cast at construction, when its dtype was guessed right (no copy in feed)
        self._h = ready if ready is not None and ready.dtype == dt else self._h_in.astype(dt)

    def _setup_state(self, dt=None) -> None:
        """Buffers, plans and compiled kernels for ``self._C`` channels in ``dt``, each run once."""
        C, K = self._C, self.K
        dt = self.dtype if dt is None else dt
        h = self._h_in.astype(dt)
        self._h_ready = h
        self._last = np.zeros(C, dt)         # last full output produced (for 'valid' with N < K)
        self._two_level = False
        if self.method == "direct":
            self._hist = np.zeros((C, K - 1), dt)
            self._h2 = np.ascontiguousarray(h.reshape(1, K))
        else:
            self._setup_fdl(h, dt)
        self._state_ready = True
        self._ready_key = (C, dt)
        self._warm(dt)

    def _warm(self, dt) -> None:
        """Run each compiled part once (Numba kernels load or compile, pages are touched), then reset."""
        B = self.block_size
        if self.method == "direct":
            if self.K > 1:
                self._direct(np.zeros((self._C, self.K - 1 + B), dt), B)
        else:
            for lv in (self._lv0, self._lv1):
                if lv is not None:
                    lv._block()
        self.reset()

    def _setup_fdl(self, h, dt) -> None:
        C, K, B = self._C, self.K, self.block_size
        self._two_level = self.partition == "auto" and K >= TWO_LEVEL_MIN_BLOCKS * B
        if not self._two_level:
            self._lv0 = _Upols(h, B, C, dt, self.workers)
            self._lv1 = None
            return
        B2 = TWO_LEVEL_RATIO * B
        # The head level covers 2 long blocks of taps, so a long block's outputs are needed
        # one long block after its input is complete: its work is spread over those 16 blocks.
        self._H1 = 2 * B2
        self._B2 = B2
        self._lv0 = _Upols(h[:self._H1], B, C, dt, self.workers)
        self._lv1 = _Upols(h[self._H1:], B2, C, dt, self.workers, steps=TWO_LEVEL_RATIO)
        # tail-level outputs waiting for the head level (compacted when full)
        self._fifo = np.zeros((C, 4 * B2 + 2 * B), dt)
        self._f_lo = self._f_hi = 0

    # ------------------------------------------------------------------ public

    @property
    def nbytes(self) -> int:
        """Bytes held by the stream's state (buffers, ring, kernel spectra)."""
        return sum(arr.nbytes for arr in self._state_arrays().values())

    def _state_arrays(self) -> dict:
        """Every array the stream keeps between calls, by name."""
        out = {}
        for name in ("_h", "_h2", "_hist", "_last", "_fifo"):
            arr = getattr(self, name, None)
            if isinstance(arr, np.ndarray):
                out[name] = arr
        for level in ("_lv0", "_lv1"):
            obj = getattr(self, level, None)
            if obj is not None:
                out.update({f"{level}.{k}": v for k, v in obj.arrays().items()})
        return out

    @property
    def latency(self) -> int:
        """Samples a fed input waits before its full output is returned (0 or ``block_size - 1``)."""
        return 0 if self.method == "direct" else self.block_size - 1

    @property
    def samples_fed(self) -> int:
        """Samples (per channel) fed since construction or the last :meth:`reset`."""
        return self._n

    def reset(self) -> None:
        """Start a new stream: forget the signal, keep kernel, dtype and channel shape."""
        self._n = 0
        self._produced = 0
        self._flushed = False
        if self._state_ready:
            self._last[...] = 0
            if self.method == "direct":
                self._hist[...] = 0
            else:
                self._lv0.reset()
                if self._lv1 is not None:
                    self._lv1.reset()
                    self._fifo[...] = 0
                    self._f_lo = self._f_hi = 0

    def feed(self, chunk: ArrayLike) -> NDArray[Any]:
        """Append ``chunk`` to the stream and return the outputs that became available.

        Parameters
        ----------
        chunk : array_like
            Samples along ``axis`` (any number, 0 included); other dimensions
            must match the first chunk's.

        Returns
        -------
        ndarray
            A fresh array, the chunk's shape with ``m >= 0`` samples along
            ``axis``, in the stream's dtype.

        Raises
        ------
        RuntimeError
            After :meth:`flush` (call :meth:`reset` first).
        ValueError
            A chunk whose dtype kind, number of dimensions or channel shape
            does not match the stream.
        """
        if self._flushed:
            raise RuntimeError("StreamConvolver: cannot feed() after flush(); call reset() first")
        x = self._check_chunk(chunk)             # (C, n) in self.dtype
        n = x.shape[1]
        if n == 0:
            return self._shape_out(np.zeros((self._C, 0), self.dtype))
        p0 = self._produced
        if self.method == "direct":
            y = self._direct_feed(x)
        else:
            y = self._fdl_feed(x)
        self._n += n
        return self._shape_out(self._emit(y, p0, final=False))

    def flush(self) -> NDArray[Any]:
        """End the stream and return every output not returned yet.

        Returns
        -------
        ndarray
            The remaining outputs (shape as :meth:`feed`'s).

        Raises
        ------
        RuntimeError
            If called twice without :meth:`reset`.
        ValueError
            If no sample was fed: :func:`convkit.convolve` rejects an empty
            input, so there is no result to match.
        """
        if self._flushed:
            raise RuntimeError("StreamConvolver: flush() was already called; call reset() first")
        if self._n == 0:
            raise ValueError("StreamConvolver: flush() with no samples fed: convolve() of an empty "
                             "signal is an error, so the stream has no result to return")
        self._flushed = True
        N, K = self._n, self.K
        lo, hi = self._window(N)
        p0 = self._produced
        need = max(hi - p0, 0)
        if self.method == "direct":
            y = self._direct_tail(need)
        else:
            y = self._fdl_tail(need)
        out = self._emit(y, p0, final=True)
        if self.mode == "valid" and N < K and p0 > lo:
            # 'valid' with N < K: full[N-1] was produced by feed(); it is the first output.
            out = np.concatenate([self._last[:, None], out], axis=1)
        return self._shape_out(out)

    # ------------------------------------------------------------------ checks and layout

    def _check_chunk(self, chunk) -> np.ndarray:
        x = np.asarray(chunk)
        if x.ndim == 0:
            raise ValueError("StreamConvolver: a chunk must have at least 1 dimension (the time axis), got a scalar")
        if self._ndim is None:
            ax = self.axis + x.ndim if self.axis < 0 else self.axis
            if not 0 <= ax < x.ndim:
                raise ValueError(f"StreamConvolver: axis {self.axis} is out of bounds for a chunk of shape {x.shape}")
        elif x.ndim != self._ndim:
            raise ValueError(f"StreamConvolver: chunk has {x.ndim} dimensions, expected {self._ndim} "
                             f"(channel shape {self._chan}, time axis {self.axis})")
        if x.dtype.kind not in "biufc":
            raise ValueError(f"StreamConvolver: unsupported chunk dtype {x.dtype}")
        if self.dtype is None:
            self._setup_dtype(_stream_dtype(np.result_type(self._h_in.dtype, x.dtype)))
        elif not np.can_cast(x.dtype, self.dtype, casting="same_kind"):
            raise ValueError(f"StreamConvolver: chunk dtype {x.dtype} does not fit the stream's dtype "
                             f"{self.dtype} (expected a {self._kind_name()} chunk, got {x.dtype})")
        ax = self.axis + x.ndim if self.axis < 0 else self.axis
        xm = np.moveaxis(x, ax, -1)
        chan = xm.shape[:-1]
        if self._chan is None:
            self._ndim, self._ax, self._chan = x.ndim, ax, chan
            self._C = int(math.prod(chan))
            if self._ready_key != (self._C, self.dtype):
                self._setup_state()
        elif chan != self._chan:
            expected = list(self._chan)
            expected.insert(self._ax, "n")
            got = list(x.shape)
            raise ValueError(f"StreamConvolver: wrong chunk shape: expected ({', '.join(map(str, expected))}) "
                             f"with n samples along axis {self.axis}, got {tuple(got)}")
        return xm.reshape(self._C, xm.shape[-1]).astype(self.dtype, copy=False)

    def _kind_name(self) -> str:
        return "complex" if self.dtype.kind == "c" else "real (bool, integer or float)"

    def _shape_out(self, y: np.ndarray) -> np.ndarray:
        """(C, m) -> the chunk layout with m samples along axis (fresh C-contiguous array)."""
        y = y.reshape(self._chan + (y.shape[1],))
        return np.ascontiguousarray(np.moveaxis(y, -1, self._ax))

    def _window(self, N: int) -> tuple[int, int]:
        """[lo, hi) of the full convolution the mode keeps, for a total length N."""
        K = self.K
        if self.mode == "full":
            return 0, N + K - 1
        if self.mode == "same":
            s = (K - 1) // 2
            return s, s + N
        return min(N, K) - 1, max(N, K)

    def _emit(self, y: np.ndarray, p0: int, final: bool) -> np.ndarray:
        """Keep the part of full outputs ``p0 .. p0 + m - 1`` that the mode returns."""
        m = y.shape[1]
        self._produced = p0 + m
        if m and not final:
            self._last[...] = y[:, -1]
        if final:
            lo, hi = self._window(self._n)
        else:
            K = self.K
            lo, hi = {"full": 0, "same": (K - 1) // 2, "valid": K - 1}[self.mode], p0 + m
        a, b = max(lo, p0) - p0, min(hi, p0 + m) - p0
        if b <= a:
            return y[:, :0]
        return y[:, a:b] if (a, b) != (0, m) else y

    # ------------------------------------------------------------------ direct engine

    def _direct(self, a: np.ndarray, count: int) -> np.ndarray:
        from ._engines import direct

        return direct.convolve(a, self._h2, (1,), (self._C, count), (0, self.K - 1), workers=self.workers)

    def _direct_feed(self, x: np.ndarray) -> np.ndarray:
        K, n = self.K, x.shape[1]
        if K == 1:
            return x * self._h[0]
        ext = np.concatenate([self._hist, x], axis=1)
        y = self._direct(ext, n)
        self._hist[...] = ext[:, n:]
        return y

    def _direct_tail(self, need: int) -> np.ndarray:
        if need <= 0 or self.K == 1:
            return np.zeros((self._C, 0), self.dtype)
        return self._direct(self._hist, need)

    # ------------------------------------------------------------------ FDL engine

    def _fdl_feed(self, x: np.ndarray) -> np.ndarray:
        if self._lv1 is None:
            return self._lv0.feed(x)
        outs = []
        H1, lv0, lv1, B = self._H1, self._lv0, self._lv1, self.block_size
        n, i = x.shape[1], 0
        while i < n:                             # pieces end at short-block boundaries
            m = min(B - lv0.fill, n - i)
            piece = x[:, i:i + m]
            i += m
            lv1.push(piece)                      # a completed long block starts its job
            p_old = lv0.produced
            y0 = lv0.feed(piece)
            if not y0.shape[1]:
                continue
            y1 = lv1.step()                      # one 16th of the pending long block
            if y1 is not None:
                self._fifo_push(y1)
            # add tail-level outputs q = t - H1 for the head outputs t in [p_old, p_old + m)
            m0 = y0.shape[1]
            a = max(p_old - H1, 0)
            b = p_old + m0 - H1
            if b > a:
                cnt = b - a
                y0[:, m0 - cnt:] += self._fifo[:, self._f_lo:self._f_lo + cnt]
                self._f_lo += cnt
            outs.append(y0)
        if not outs:
            return np.zeros((self._C, 0), self.dtype)
        return outs[0] if len(outs) == 1 else np.concatenate(outs, axis=1)

    def _fifo_push(self, y: np.ndarray) -> None:
        m = y.shape[1]
        if not m:
            return
        if self._f_hi + m > self._fifo.shape[1]:
            live = self._f_hi - self._f_lo
            self._fifo[:, :live] = self._fifo[:, self._f_lo:self._f_hi]
            self._f_lo, self._f_hi = 0, live
        self._fifo[:, self._f_hi:self._f_hi + m] = y
        self._f_hi += m

    def _fdl_tail(self, need: int) -> np.ndarray:
        if need <= 0:
            return np.zeros((self._C, 0), self.dtype)
        if self._lv1 is None:
            return self._lv0.tail(need)
        H1 = self._H1
        y1 = self._lv1.finish()                  # the pending long block, at once
        if y1 is not None:
            self._fifo_push(y1)
        p_old = self._lv0.produced
        y0 = self._lv0.tail(need)
        a = max(p_old - H1, 0)
        b = p_old + need - H1
        if b > a:
            have = self._f_hi - self._f_lo
            extra = b - a - have
            y1 = self._fifo[:, self._f_lo:self._f_hi]
            if extra > 0:
                y1 = np.concatenate([y1, self._lv1.tail(extra)], axis=1)
            y0[:, need - (b - a):] += y1[:, :b - a]
        return y0


_split_kernels = None


def _split():
    """The compiled kernels of the sub-transform split (Numba, cached on disk):
    ``combine`` assembles bins ``[f0, f1)`` of a block's spectrum from the ``s``
    sub-spectra (forward, decimation in time); ``gather`` makes the spectrum of
    the ``j``-th sub-sequence of the inverse (decimation in frequency)."""
    global _split_kernels
    if _split_kernels is None:
        from ._engines._jit import njit

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def combine(subX, T, out, f0, f1, M):
            """out[c, f] = sum_j T[j, f] * X_j[f mod M], f0 <= f < f1; for real data X_j holds
            bins 0 .. M/2 and bin m > M/2 is conj(X_j[M - m]). Runs of contiguous bins, so
            the inner loops have no branch."""
            s, C, Mz = subX.shape
            half = Mz < M                       # real data: half spectra
            for c in range(C):
                o = out[c]
                f = f0
                while f < f1:
                    m = f % M
                    mirrored = half and m >= Mz
                    n = min(f1 - f, (M - m) if mirrored else (Mz if half else M) - m)
                    for j in range(s):
                        x = subX[j, c]
                        t = T[j]
                        if mirrored:
                            if j == 0:
                                for i in range(n):
                                    o[f + i] = t[f + i] * x[M - m - i].conjugate()
                            else:
                                for i in range(n):
                                    o[f + i] += t[f + i] * x[M - m - i].conjugate()
                        elif j == 0:
                            for i in range(n):
                                o[f + i] = t[f + i] * x[m + i]
                        else:
                            for i in range(n):
                                o[f + i] += t[f + i] * x[m + i]
                    f += n

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def gather(Y, Tj, Z, M, L):
            """Z[c, k] = sum_q Y[k + qM] * Tj[q, k], 0 <= k < Mz; for real data Y holds bins
            0 .. L/2 and bin kk > L/2 is conj(Y[L - kk]). Runs of contiguous bins."""
            C, F = Y.shape
            s, Mz = Tj.shape
            for c in range(C):
                y = Y[c]
                z = Z[c]
                for q in range(s):
                    t = Tj[q]
                    base = q * M
                    n = min(Mz, max(0, F - base))       # bins read directly
                    if q == 0:
                        for k in range(n):
                            z[k] = y[base + k] * t[k]
                    else:
                        for k in range(n):
                            z[k] += y[base + k] * t[k]
                    for k in range(n, Mz):              # mirrored bins (real data only)
                        if q == 0:
                            z[k] = y[L - base - k].conjugate() * t[k]
                        else:
                            z[k] += y[L - base - k].conjugate() * t[k]

        _split_kernels = (combine, gather)
    return _split_kernels


def _split_parts(L: int, B: int, steps: int) -> int:
    """Sub-transforms per long transform of a spread level: 1, 2 or 4 (see SPLIT_MIN);
    the block must divide evenly and leave at least one MAC slice."""
    if steps <= 1 or L < SPLIT_MIN:
        return 1
    s = 4 if L >= 2 * SPLIT_MIN else 2
    while s > 1 and (B % s or steps < 2 * s + 1):
        s //= 2
    return s


class _Upols:
    """Uniformly partitioned overlap-save of one kernel piece: full-convolution outputs in
    order, one block of ``B`` at a time (see the module docstring).

    With ``steps > 1`` (the long level of a two-level stream) a completed block is
    not computed at once: :meth:`push` starts a job, and each :meth:`step` does one
    of ``steps`` equal parts of it (forward transform; slices of the frequency bins
    of the multiply-accumulate; inverse transform), returning the block's outputs
    at the last part. :meth:`finish` runs what is left at once.
    """

    def __init__(self, h: np.ndarray, B: int, C: int, dt: np.dtype, workers: int, steps: int = 1):
        from ._engines import _fft_plans as plans
        from ._engines._fft_sizes import next_fast_len

        pyfftw = plans.lib()
        K = h.size
        real = dt.kind == "f"
        cdt = np.dtype(np.complex64 if dt.itemsize == (4 if real else 8) else np.complex128)
        L = next_fast_len(2 * B - 1, real)
        F = L // 2 + 1 if real else L
        P = -(-K // B)
        self.steps = max(1, int(steps))
        parts = _split_parts(L, B, self.steps)
        if parts > 1:               # a length the sub-transforms divide
            L = parts * next_fast_len(-(-(2 * B - 1) // parts), real)
            F = L // 2 + 1 if real else L
        self.parts = parts
        self.B, self.L, self.F, self.P, self.C, self.workers = B, L, F, P, C, workers
        # Kernel partition spectra, once, in double precision (then cast): (P, F), scaled by 1/L.
        hp = np.zeros((P, B), np.complex128 if dt.kind == "c" else np.float64)
        hp.reshape(-1)[:K] = h
        spec = np.fft.rfft(hp, n=L, axis=1) if real else np.fft.fft(hp, n=L, axis=1)
        spec /= L
        self.H = np.ascontiguousarray(spec.astype(cdt))
        # Buffers the plans own: seg (C, L) -> X (C, F); Y (C, F) -> y (C, L) (in place when complex).
        self.seg = pyfftw.zeros_aligned((C, L), dtype=dt)
        # the forward transform's input: seg itself, or a copy of it when jobs are spread
        self.src = self.seg if steps <= 1 else pyfftw.zeros_aligned((C, L), dtype=dt)
        nslices = max(1, self.steps - (2 * parts if parts > 1 else 2))
        self.slices = [(F * i // nslices, F * (i + 1) // nslices) for i in range(nslices)]
        self.Y = pyfftw.empty_aligned((C, F), dtype=cdt)
        self.ring = np.zeros((P, C, F), cdt)
        if parts > 1:
            self._setup_split(parts, C, dt, cdt, real, pyfftw)
            fin, fout, iin, iout = self.sub_in, self.sub_X, self.sub_Z, self.sub_y
        else:
            self.X = pyfftw.empty_aligned((C, F), dtype=cdt)
            self.y = pyfftw.empty_aligned((C, L), dtype=dt) if real else self.Y
            fin, fout, iin, iout = self.src, self.X, self.Y, self.y
        self.job_plo = 0
        # the engines' planning policy: deterministic ESTIMATE plans by default
        # the key names what the plans depend on (the plan memo keys records by it)
        bundle = plans.Bundle(("stream", fin.shape, fin.dtype.char, fout.shape, fout.dtype.char,
                               iin.shape, iout.shape, iout.dtype.char), "FFTW_ESTIMATE")

        def factory(_bundle, effort, wisdom_only):
            nonlocal fwd, inv
            fwd = plans.make_fftw(fin, fout, (1,), "FFTW_FORWARD", effort, 1, wisdom_only)
            inv = plans.make_fftw(iin, iout, (1,), "FFTW_BACKWARD", effort, 1, wisdom_only)

        fwd = inv = None
        plans.plan_estimate(factory, bundle)
        self.fwd, self.inv = fwd, inv
        self.reset()

    def _setup_split(self, s, C, dt, cdt, real, pyfftw) -> None:
        """Buffers and twiddles of the length-``L`` transforms done as ``s`` sub-transforms
        of length ``M = L / s`` (decimation in time forward, in frequency backward):

        forward  ``X[k] = sum_j W^(jk) X_j[k mod M]``, ``X_j`` the DFT of ``x[j::s]``;
        inverse  ``y[s m + j] = IDFT_M(Z_j)[m]``, ``Z_j[k] = sum_q Y[k + qM] W^(-(k + qM) j)``,

        with ``W = exp(-2 pi i / L)``. For real data the sub-spectra are half spectra
        (bins ``0 .. M/2``) and the missing bins are complex conjugates, read through
        gathers into ``[spectrum, conj(spectrum)]``. Twiddles are computed in double
        precision.
        """
        L, F, B = self.L, self.F, self.B
        M = L // s
        Mz = M // 2 + 1 if real else M
        self.M = M
        self.sub_in = pyfftw.empty_aligned((C, M), dtype=dt)
        self.sub_X = pyfftw.empty_aligned((C, Mz), dtype=cdt)
        self.sub_Z = pyfftw.empty_aligned((C, Mz), dtype=cdt)
        self.sub_y = pyfftw.empty_aligned((C, M), dtype=dt)
        self.subX = np.empty((s, C, Mz), cdt)              # the s sub-spectra of a block
        self.T = np.exp(-2j * np.pi * np.outer(np.arange(s), np.arange(F)) / L).astype(cdt)
        kk = np.arange(Mz)[None, :] + M * np.arange(s)[:, None]           # (q, k)
        self.Tinv = np.exp(2j * np.pi * (np.arange(s)[:, None, None] * kk[None, :, :]) / L).astype(cdt)
        self.out_tail = np.empty((C, B), dt)
        self.tail0 = (L - B) // s                          # first sub-output sample that is kept

    def arrays(self) -> dict:
        out = {"H": self.H, "seg": self.seg, "Y": self.Y, "ring": self.ring}
        if self.src is not self.seg:
            out["src"] = self.src
        if self.parts > 1:
            for name in ("sub_in", "sub_X", "sub_Z", "sub_y", "subX", "T", "Tinv", "out_tail"):
                out[name] = getattr(self, name)
        else:
            out["X"] = self.X
            if self.y is not self.Y:
                out["y"] = self.y
        return out

    def reset(self) -> None:
        self.seg[...] = 0
        if self.src is not self.seg:
            self.src[...] = 0
        self.ring[...] = 0
        self.fill = 0           # samples of the current block already in seg[:, L-B:]
        self.blocks = 0         # blocks processed (or started, with a pending job)
        self.n = 0              # samples fed
        self.job = None         # next step of the pending job (spread levels)

    @property
    def produced(self) -> int:
        return self.blocks * self.B

    def _block(self, p_lo: int = 0) -> np.ndarray:
        """Process the full block in seg[:, L-B:]; return its B outputs (fresh array)."""
        L, B, P = self.L, self.B, self.P
        t = self.blocks
        if self.parts > 1:           # the parts of a job, at once
            np.copyto(self.src, self.seg)
            self.job_t, self.job, self.job_plo = t, 0, p_lo
            out = self.finish()
            self.job_plo = 0
            self.seg[:, : L - B] = self.seg[:, B:]
            self.blocks = t + 1
            self.fill = 0
            return out
        if self.src is not self.seg:
            np.copyto(self.src, self.seg)
        self.fwd.execute()
        idx = t % P
        self.ring[idx] = self.X
        p_hi = min(P, t + 1)       # partitions older than the stream only meet zeros
        mac = _mac()
        if p_lo >= p_hi:
            self.Y[...] = 0
        elif self.workers > 1 and self.C * self.F * (p_hi - p_lo) >= (1 << 16):
            from ._engines._fft_plans import run_parallel

            F, w = self.F, self.workers
            step = -(-F // w)
            ranges = [(f, min(f + step, F)) for f in range(0, F, step)]
            run_parallel(lambda r: mac(self.ring, self.H, idx, p_lo, p_hi, self.Y, r[0], r[1]), ranges, w)
        else:
            mac(self.ring, self.H, idx, p_lo, p_hi, self.Y, 0, self.F)
        self.inv.execute()
        out = self.y[:, L - B:].copy()
        self.seg[:, : L - B] = self.seg[:, B:]      # slide the input window by one block
        self.blocks = t + 1
        self.fill = 0
        return out

    # -- spread jobs (steps > 1) --------------------------------------------------

    def push(self, x: np.ndarray) -> None:
        """Append samples that do not cross a block boundary; a completed block starts a job."""
        L, B, m = self.L, self.B, x.shape[1]
        base = L - B + self.fill
        self.seg[:, base:base + m] = x
        self.fill += m
        self.n += m
        if self.fill == B:
            if self.job is not None:         # the driver steps once per short block
                raise RuntimeError("StreamConvolver: internal error, a long block's job overran")
            np.copyto(self.src, self.seg)
            self.seg[:, : L - B] = self.seg[:, B:]
            self.fill = 0
            self.job_t = self.blocks
            self.blocks += 1
            self.job = 0

    def step(self):
        """Do the next part of the pending job; its ``B`` outputs (fresh) at the last part."""
        k = self.job
        if k is None:
            return None
        if self.parts > 1:
            return self._split_step(k)
        t, P = self.job_t, self.P
        idx = t % P
        p_hi = min(P, t + 1)
        if k == 0:
            self.fwd.execute()
            self.ring[idx] = self.X
        elif k <= len(self.slices):
            f0, f1 = self.slices[k - 1]
            _mac()(self.ring, self.H, idx, 0, p_hi, self.Y, f0, f1)
        if k < self.steps - 1:
            self.job = k + 1
            return None
        self.inv.execute()
        self.job = None
        return self.y[:, self.L - self.B:].copy()

    def _split_step(self, k):
        """Part ``k`` of a job cut into sub-transforms: ``s`` forward sub-transforms, the
        multiply-accumulate in slices of bins (each slice first assembles its bins of the
        block's spectrum), then ``s`` inverse sub-transforms."""
        s, t, P = self.parts, self.job_t, self.P
        idx = t % P
        p_hi = min(P, t + 1)
        n_mac = len(self.slices)
        combine, gather = _split()
        if k < s:                                   # forward sub-transform j = k
            np.copyto(self.sub_in, self.src[:, k::s])
            self.fwd.execute()
            np.copyto(self.subX[k], self.sub_X)
        elif k < s + n_mac:                         # bins [f0, f1): spectrum, then the MAC
            f0, f1 = self.slices[k - s]
            combine(self.subX, self.T, self.ring[idx], f0, f1, self.M)
            _mac()(self.ring, self.H, idx, self.job_plo, p_hi, self.Y, f0, f1)
        else:                                       # inverse sub-transform j
            j = k - s - n_mac
            gather(self.Y, self.Tinv[j], self.sub_Z, self.M, self.L)
            self.inv.execute()
            np.copyto(self.out_tail[:, j::s], self.sub_y[:, self.tail0:])
        if k < self.steps - 1:
            self.job = k + 1
            return None
        self.job = None
        return self.out_tail.copy()

    def finish(self):
        """Run the rest of the pending job at once; its outputs, or None when there is none."""
        out = None
        while self.job is not None:
            out = self.step()
        return out

    def feed(self, x: np.ndarray) -> np.ndarray:
        L, B = self.L, self.B
        n = x.shape[1]
        outs = []
        i = 0
        while i < n:
            m = min(B - self.fill, n - i)
            base = L - B + self.fill
            self.seg[:, base:base + m] = x[:, i:i + m]
            self.fill += m
            i += m
            if self.fill == B:
                outs.append(self._block())
        self.n += n
        if not outs:
            return np.zeros((self.C, 0), self.seg.dtype)
        return outs[0] if len(outs) == 1 else np.concatenate(outs, axis=1)

    def tail(self, need: int) -> np.ndarray:
        """The next ``need`` outputs, with zeros fed after the ``self.n`` samples of the signal."""
        L, B, N = self.L, self.B, self.n
        outs = []
        got = 0
        while got < need:
            self.seg[:, L - B + self.fill:] = 0
            # Block t' reads input [(t'+1)B - L, (t'+1)B): all zeros once (t'+1)B - L >= N,
            # so partitions p with t - p >= ceil((N + L) / B) - 1 only meet zeros.
            t = self.blocks
            first_zero = -(-(N + L) // B) - 1
            outs.append(self._block(max(0, t - first_zero + 1)))
            got += B
        if not outs:
            return np.zeros((self.C, 0), self.seg.dtype)
        y = outs[0] if len(outs) == 1 else np.concatenate(outs, axis=1)
        return y[:, :need]
