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
    ``P - 1`` blocks, the tail computed by ``flush``) are skipped. The levels
    live in :mod:`convkit._stream_levels`.

State is ``O(K + B)`` per channel and never grows with the stream length
(:attr:`StreamConvolver.nbytes`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from ._stream_levels import PartitionedLevel
from ._typing import Mode, Partition, StreamMethod, Workers

__all__ = ["StreamConvolver", "DIRECT_MAX_TAPS"]

#: kernels with at most this many taps run on the direct engine by default
DIRECT_MAX_TAPS = 64
#: partition='auto' splits the kernel in two levels when K >= this many blocks
TWO_LEVEL_MIN_BLOCKS = 64
#: block size of the tail level, in head blocks
TWO_LEVEL_RATIO = 16

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
        # the first full output the mode keeps
        self._keep_from = {"full": 0, "same": (h.size - 1) // 2, "valid": h.size - 1}[mode]
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
        self._time_last = False     # the time axis is a chunk's last
        self._provisional = False   # layout and dtype are construction's guess (no chunk fed yet)
        self._n_channels = None
        self._state_ready = False
        self._ready_key = None      # (C, dtype) the state was built for
        self._n_fed = 0                 # samples fed
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
        self._n_channels = int(math.prod(chan))
        self._setup_state(guess)
        # blocks through the public path (every first-time branch of feed runs now, and often
        # enough for CPython to specialise the feed path's bytecode), then forget them
        ax = self.axis if self.axis >= 0 else len(chan) + 1 + self.axis
        if 0 <= ax <= len(chan):
            zeros = np.zeros(chan[:ax] + (self.block_size,) + chan[ax:], guess)
            for _ in range(WARM_FEEDS):
                self.feed(zeros)
            self.reset()
            # the layout and dtype prepared for stay, provisionally: a first chunk that has them
            # takes feed's usual path at once; any other first chunk sets its own (_check_chunk)
            self._provisional = True
        else:
            self._n_channels = None

    # ------------------------------------------------------------------ set-up

    def _setup_dtype(self, dt: np.dtype) -> None:
        self.dtype = dt
        ready = getattr(self, "_h_ready", None)
        # the kernel cast at construction, when its dtype was guessed right (no copy in feed)
        self._h = ready if ready is not None and ready.dtype == dt else self._h_in.astype(dt)

    def _setup_state(self, dt=None) -> None:
        """Buffers, plans and compiled kernels for ``self._n_channels`` channels in ``dt``, each run once."""
        C, K = self._n_channels, self.K
        dt = self.dtype if dt is None else dt
        h = self._h_in.astype(dt)
        self._h_ready = h
        self._last = np.zeros(C, dt)         # last full output produced (for 'valid' with N < K)
        self._two_level = False
        if self.method == "direct":
            self._hist = np.zeros((C, K - 1), dt)
            self._kernel_row = np.ascontiguousarray(h.reshape(1, K))
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
                self._direct(np.zeros((self._n_channels, self.K - 1 + B), dt), B)
        else:
            for level in (self._head_level, self._tail_level):
                if level is not None:
                    level._block()
        self.reset()

    def _setup_fdl(self, h, dt) -> None:
        C, K, B = self._n_channels, self.K, self.block_size
        self._two_level = self.partition == "auto" and K >= TWO_LEVEL_MIN_BLOCKS * B
        if not self._two_level:        # one level: the head level holds every tap
            self._head_level = PartitionedLevel(h, B, C, dt, self.workers)
            self._tail_level = None
            return
        tail_block = TWO_LEVEL_RATIO * B
        # The head level covers 2 long blocks of taps, so a long block's outputs are needed
        # one long block after its input is complete: its work is spread over those 16 blocks.
        self._head_taps = 2 * tail_block        # taps of the head level; the tail level has the rest
        self._tail_block = tail_block
        self._head_level = PartitionedLevel(h[:self._head_taps], B, C, dt, self.workers)
        self._tail_level = PartitionedLevel(h[self._head_taps:], tail_block, C, dt, self.workers, steps=TWO_LEVEL_RATIO)

    # ------------------------------------------------------------------ public

    @property
    def nbytes(self) -> int:
        """Bytes held by the stream's state (buffers, ring, kernel spectra)."""
        return sum(arr.nbytes for arr in self._state_arrays().values())

    def _state_arrays(self) -> dict:
        """Every array the stream keeps between calls, by name."""
        out = {}
        for name in ("_h", "_kernel_row", "_hist", "_last"):
            arr = getattr(self, name, None)
            if isinstance(arr, np.ndarray):
                out[name] = arr
        for level in ("_head_level", "_tail_level"):
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
        return self._n_fed

    def reset(self) -> None:
        """Start a new stream: forget the signal, keep kernel, dtype and channel shape."""
        self._n_fed = 0
        self._produced = 0
        self._flushed = False
        if self._state_ready:
            self._last[...] = 0
            if self.method == "direct":
                self._hist[...] = 0
            else:
                self._head_level.reset()
                if self._tail_level is not None:
                    self._tail_level.reset()

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
            return self._shape_out(np.zeros((self._n_channels, 0), self.dtype))
        p0 = self._produced
        if self.method == "direct":
            y = self._direct_feed(x)
        else:
            y = self._fdl_feed(x)
        self._n_fed += n
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
        if self._n_fed == 0:
            raise ValueError("StreamConvolver: flush() with no samples fed: convolve() of an empty "
                             "signal is an error, so the stream has no result to return")
        self._flushed = True
        N, K = self._n_fed, self.K
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
        if (self._time_last and type(chunk) is np.ndarray and chunk.ndim == self._ndim
                and chunk.dtype == self.dtype and chunk.shape[:-1] == self._chan):
            # the usual chunk (the stream's dtype, channels first, time last): no checks left
            self._provisional = False
            return chunk.reshape(self._n_channels, chunk.shape[-1])
        if self._provisional:           # a first chunk unlike construction's guess: it decides
            self._provisional = False
            self._chan = self._ndim = None
            self._time_last = False
            if not self._fixed_dtype:
                self.dtype = None
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
            self._time_last = ax == x.ndim - 1
            self._n_channels = int(math.prod(chan))
            if self._ready_key != (self._n_channels, self.dtype):
                self._setup_state()
        elif chan != self._chan:
            expected = list(self._chan)
            expected.insert(self._ax, "n")
            got = list(x.shape)
            raise ValueError(f"StreamConvolver: wrong chunk shape: expected ({', '.join(map(str, expected))}) "
                             f"with n samples along axis {self.axis}, got {tuple(got)}")
        return xm.reshape(self._n_channels, xm.shape[-1]).astype(self.dtype, copy=False)

    def _kind_name(self) -> str:
        return "complex" if self.dtype.kind == "c" else "real (bool, integer or float)"

    def _shape_out(self, y: np.ndarray) -> np.ndarray:
        """(C, m) -> the chunk layout with m samples along axis (fresh C-contiguous array)."""
        if self._time_last and y.flags.c_contiguous:
            return y.reshape(self._chan + (y.shape[1],))
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
        if m and not final and p0 + m < self.K and self.mode == "valid":
            self._last[...] = y[:, -1]     # read by flush() only when the signal is shorter than K
        if final:
            lo, hi = self._window(self._n_fed)
        else:
            lo, hi = self._keep_from, p0 + m
        a, b = max(lo, p0) - p0, min(hi, p0 + m) - p0
        if b <= a:
            return y[:, :0]
        return y[:, a:b] if (a, b) != (0, m) else y

    # ------------------------------------------------------------------ direct engine

    def _direct(self, a: np.ndarray, count: int) -> np.ndarray:
        from ._engines import direct

        return direct.convolve(a, self._kernel_row, (1,), (self._n_channels, count), (0, self.K - 1),
                               workers=self.workers)

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
            return np.zeros((self._n_channels, 0), self.dtype)
        return self._direct(self._hist, need)

    # ------------------------------------------------------------------ FDL engine

    def _fdl_feed(self, x: np.ndarray) -> np.ndarray:
        head, tail = self._head_level, self._tail_level
        if tail is None:
            return head.feed(x)
        B, head_taps, Bt = self.block_size, self._head_taps, self._tail_block
        n = x.shape[1]
        out = np.empty((self._n_channels, (head.fill + n) // B * B), self.dtype)   # the one allocation
        i = k = 0
        while i < n:                             # pieces end at short-block boundaries
            m = min(B - head.fill, n - i)
            piece = x if m == n else x[:, i:i + m]
            i += m
            tail.push(piece)                     # a completed long block starts its job
            if not head.put(piece):
                continue
            q = head.produced - head_taps        # the tail-level outputs this block adds
            y = head._block(out=out[:, k:k + B])
            k += B
            tail.step()                          # one part of the pending long block
            if q >= 0:                           # block-aligned: within one job's slot
                j = q // Bt
                y += tail.outs[j % 2][:, q - j * Bt:q - j * Bt + B]
        return out

    def _tail_outputs(self, a: int, b: int) -> np.ndarray:
        """Tail-level outputs ``a .. b - 1`` at flush (a fresh array): those of finished
        jobs from their slots, the rest computed with zeros fed after the signal."""
        tail, Bt = self._tail_level, self._tail_block
        done = tail.blocks * Bt                  # outputs of every started (and finished) job
        pieces, q = [], a
        while q < min(b, done):
            j = q // Bt
            e = min(b, done, (j + 1) * Bt)
            pieces.append(tail.outs[j % 2][:, q - j * Bt:e - j * Bt])
            q = e
        y = np.concatenate(pieces, axis=1) if pieces else np.zeros((self._n_channels, 0), self.dtype)
        if b > q:                                # (tail() reuses the slots: copied first)
            y = np.concatenate([y, tail.tail(b - q)], axis=1)
        return y

    def _fdl_tail(self, need: int) -> np.ndarray:
        if need <= 0:
            return np.zeros((self._n_channels, 0), self.dtype)
        if self._tail_level is None:
            return self._head_level.tail(need)
        head_taps = self._head_taps
        self._tail_level.finish()                        # the pending long block, at once
        p_old = self._head_level.produced
        y0 = self._head_level.tail(need)
        a = max(p_old - head_taps, 0)
        b = p_old + need - head_taps
        if b > a:
            y0[:, need - (b - a):] += self._tail_outputs(a, b)
        return y0
