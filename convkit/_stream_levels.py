"""The levels of :class:`convkit._stream.StreamConvolver`'s partitioned engine ('fdl').

One level is a uniformly partitioned overlap-save convolution of one piece of the kernel
(:class:`PartitionedLevel`, described in :mod:`convkit._stream`'s docstring): a ring of input spectra
(the frequency-domain delay line) multiplied into the kernel partitions' spectra by a
compiled multiply-accumulate (:func:`_mac`). A two-level stream's tail level spreads each
long block's work over the short blocks that follow it, its long transforms cut into
sub-transforms (:func:`_split_parts`, :func:`_split`) when that makes its steps cost about the same.
"""

from __future__ import annotations

import math

import numpy as np

from ._tuning import STREAM_FFT_NS, STREAM_MAC_NS, STREAM_SPLIT_NS

_mac_kernels = None


def _mac_pair():
    """``(fdl_mac, mac_add)``, the compiled multiply-accumulate kernels (Numba imported on first
    use, cached on disk). ``mac_add(ring, H, idx, p_lo, p_hi, out, f0, f1)`` adds
    ``sum_{p_lo <= p < p_hi} ring[(idx - p) % P, c, f] * H[p, f]`` to ``out[c, f]``, ``f0 <= f < f1``,
    partition by partition; ``fdl_mac`` (same arguments) zeroes those bins first. The spread
    levels' slice kernel (:func:`_slices`) adds through ``mac_add`` too."""
    global _mac_kernels
    if _mac_kernels is None:
        from ._engines._jit import njit

        # Only 'contract' (FMA): full fastmath would assume no NaN/inf and
        # change what a non-finite sample does to its output block.
        @njit(cache=True, nogil=True, fastmath={"contract"})
        def mac_add(ring, H, idx, p_lo, p_hi, out, f0, f1):
            P = ring.shape[0]
            C = ring.shape[1]
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

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def fdl_mac(ring, H, idx, p_lo, p_hi, out, f0, f1):
            """out[c, f] = sum_{p_lo <= p < p_hi} ring[(idx - p) % P, c, f] * H[p, f], f0 <= f < f1."""
            for c in range(ring.shape[1]):
                for f in range(f0, f1):
                    out[c, f] = 0
            mac_add(ring, H, idx, p_lo, p_hi, out, f0, f1)

        _mac_kernels = (fdl_mac, mac_add)
    return _mac_kernels


_mac_kernel = None   # what the levels call: fdl_mac (benchmarks/scripts/stream_latency.py wraps it here)


def _mac():
    """The compiled MAC kernel ``fdl_mac`` (see :func:`_mac_pair`)."""
    global _mac_kernel
    if _mac_kernel is None:
        _mac_kernel = _mac_pair()[0]
    return _mac_kernel


_slice_kernels = None


def _slices():
    """The compiled kernels of a spread level's MAC steps (Numba, cached on disk), each on one
    slice ``[k0, k1)`` of the sub-spectra's bins (``ranges``: the spectrum's bins of the
    slice, rows ``[f0, f1)``), for a transform cut into ``s = 2`` or ``4`` sub-transforms
    (length ``M``; decimation in time forward, in frequency backward):

    ``combine(subX, tw, out, k0, k1, M, L)``
        the slice's bins of a block's spectrum from the ``s`` sub-spectra;
    ``mac(ring, H, idx, p_hi, Y, ranges)``
        ``Y += sum_{p < p_hi} X_{t-p} H_p`` on those bins: ``Y`` holds the terms of the
        oldest partitions (from ``p_hi`` on), summed ahead by the transform steps (:func:`_mac`);
    ``gather(Y, itw, Z, k0, k1, M, L)``
        the slice's bins of the inverse's ``s`` sub-spectra, which read exactly its bins.
    """
    global _slice_kernels
    if _slice_kernels is None:
        from ._engines._jit import njit

        # Only 'contract' (FMA), as in _mac.
        @njit(cache=True, nogil=True, fastmath={"contract"})
        def put(o, b, v, F, L):
            """Bin b of a spectrum; for real data (F = L/2 + 1 bins held) a bin past L/2 is
            stored as its mirror, conj at L - b."""
            if b < F:
                o[b] = v
            else:
                o[L - b] = v.conjugate()

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def combine(subX, tw, out, k0, k1, M, L):
            """The bins k + qM (q < s) of a block's spectrum from bin k of its s sub-spectra,
            k0 <= k < k1: u_j = tw[j, k] X_j[k], then an s-point DFT over j (s = 2 or 4:
            additions and exact multiplications by -i)."""
            s, C, Mz = subX.shape
            F = out.shape[1]
            for c in range(C):
                o = out[c]
                x0 = subX[0, c]
                x1 = subX[1, c]
                if s == 2:
                    for k in range(k0, k1):
                        u0 = x0[k]
                        u1 = tw[1, k] * x1[k]
                        put(o, k, u0 + u1, F, L)
                        put(o, k + M, u0 - u1, F, L)
                else:
                    x2 = subX[2, c]
                    x3 = subX[3, c]
                    for k in range(k0, k1):
                        u0 = x0[k]
                        u1 = tw[1, k] * x1[k]
                        u2 = tw[2, k] * x2[k]
                        u3 = tw[3, k] * x3[k]
                        a = u0 + u2
                        b = u0 - u2
                        e = u1 + u3
                        d = u1 - u3
                        d = complex(d.imag, -d.real)            # -i (u1 - u3)
                        put(o, k, a + e, F, L)
                        put(o, k + M, b + d, F, L)
                        put(o, k + 2 * M, a - e, F, L)
                        put(o, k + 3 * M, b - d, F, L)

        mac_add = _mac_pair()[1]

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def mac(ring, H, idx, p_hi, Y, ranges):
            """Y[c, f] += sum_{0 <= p < p_hi} ring[(idx - p) % P, c, f] * H[p, f] on the bins of
            ``ranges`` (Y holds the terms of the partitions from p_hi on, summed ahead)."""
            for r in range(ranges.shape[0]):
                mac_add(ring, H, idx, 0, p_hi, Y, ranges[r, 0], ranges[r, 1])

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def get(y, b, F, L):
            """Bin b of a spectrum whose bins past L/2 are held as mirrors (real data)."""
            return y[b] if b < F else y[L - b].conjugate()

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def gather(Y, itw, Z, k0, k1, M, L):
            """Bin k of the inverse's s sub-spectra, k0 <= k < k1: an inverse s-point DFT over
            the spectrum's bins k + qM (s = 2 or 4: additions and exact multiplications by
            i), then Z_j[k] = itw[j, k] w_j."""
            s = Z.shape[0]
            C, F = Y.shape
            for c in range(C):
                y = Y[c]
                z0 = Z[0, c]
                z1 = Z[1, c]
                if s == 2:
                    for k in range(k0, k1):
                        y0 = get(y, k, F, L)
                        y1 = get(y, k + M, F, L)
                        z0[k] = y0 + y1
                        z1[k] = itw[1, k] * (y0 - y1)
                else:
                    z2 = Z[2, c]
                    z3 = Z[3, c]
                    for k in range(k0, k1):
                        y0 = get(y, k, F, L)
                        y1 = get(y, k + M, F, L)
                        y2 = get(y, k + 2 * M, F, L)
                        y3 = get(y, k + 3 * M, F, L)
                        a = y0 + y2
                        b = y0 - y2
                        e = y1 + y3
                        d = y1 - y3
                        d = complex(-d.imag, d.real)            # i (y1 - y3)
                        z0[k] = a + e
                        z1[k] = itw[1, k] * (b + d)
                        z2[k] = itw[2, k] * (a - e)
                        z3[k] = itw[3, k] * (b - d)

        _slice_kernels = (combine, mac, gather)
    return _slice_kernels


#: The part of the even share of the older terms that the transform steps take (see
#: _plan_steps). Worst block phase / median feed, stream_latency.py --trace, epyc-zen4-2c at load
#: 6 (2026-12-07), K = 96000: share 1 gave B = 64 1.25 (its two transform steps heavy), 0.5 gave
#: B = 512 1.14 (its MAC steps heavy); 0.75: 1.05 and 1.09.
AHEAD_SHARE = 0.75


def _split_parts(L: int, B: int, steps: int, P: int, C: int, real: bool) -> int:
    """Sub-transforms per long transform of a spread level (1, 2 or 4): the count whose
    costliest step is cheapest by the cost model (:func:`_plan_steps`, constants in
    :mod:`convkit._tuning`). The block must
    divide evenly and leave at least one MAC step."""
    if steps <= 1:
        return 1
    best, best_cost = 1, _plan_steps(L, 1, steps, P, C, real)[0]
    for s in (2, 4):
        if B % s or steps < 2 * s + 1 or L // s < 16:
            break
        cost = _plan_steps(L, s, steps, P, C, real)[0]
        if cost < 0.95 * best_cost:        # a cut pays for its copies and calls (not modelled)
            best, best_cost = s, cost
    return best


def _plan_steps(L: int, s: int, steps: int, P: int, C: int, real: bool) -> tuple[float, float]:
    """A job of ``steps`` steps whose length-``L`` transforms run as ``s`` sub-transforms:
    ``s`` forward and ``s`` inverse sub-transform steps, and ``steps - 2s`` MAC steps (each
    assembles, multiplies and gathers one slice of the spectrum). The terms of the older
    partitions (``p >= 1``) need no new spectrum: the part of them that evens out the steps
    is summed ahead, in the transform steps. Returns the predicted thread CPU time (ns) of
    the costliest step and the fraction of the bins summed ahead."""
    M = L // s
    F = L // 2 + 1 if real else L
    fft = STREAM_FFT_NS * M * math.log2(M) * (1 if real else 2) * C
    n_mac = steps - 2 * s
    fg = ((2 * STREAM_SPLIT_NS if s > 1 else 0.0) + STREAM_MAC_NS) * F * C / n_mac
    bg = STREAM_MAC_NS * max(P - 1, 0) * F * C
    # per transform step: half the share that would even the steps by the model. Most steps
    # are MAC steps (the median feed); a transform step over them is a maximum, one under
    # them is not, and the model is off by up to a third under load (MAC steps slow more).
    ahead = min(max((bg + n_mac * (fg - fft)) / steps, 0.0) * AHEAD_SHARE, bg / (2 * s))
    rest = (bg - 2 * s * ahead) / n_mac                                       # per MAC step
    return max(fft + ahead, fg + rest), (2 * s * ahead / bg if bg else 0.0)


def _runs(bins: np.ndarray) -> np.ndarray:
    """Sorted bin indices as ranges of contiguous bins, rows ``[f0, f1)`` (int64)."""
    if not bins.size:
        return np.zeros((0, 2), np.int64)
    cut = np.flatnonzero(np.diff(bins) != 1)
    return np.ascontiguousarray(np.stack([bins[np.r_[0, cut + 1]], bins[np.r_[cut, bins.size - 1]] + 1],
                                         axis=1), dtype=np.int64)


class PartitionedLevel:
    """Uniformly partitioned overlap-save of one kernel piece: full-convolution outputs in
    order, one block of ``B`` at a time (see the module docstring).

    With ``steps > 1`` (the long level of a two-level stream) a completed block is
    not computed at once: :meth:`push` starts a job, and each :meth:`step` does one
    of ``steps`` parts of it (forward transform or sub-transforms; slices of the
    frequency bins of the multiply-accumulate; inverse transform or sub-transforms),
    chosen to cost about the same (:func:`_split_parts`). The job reads its input from
    a window of its own (``wins``: every pushed sample is written into each window
    that holds it, so no block boundary copies a whole window) and writes its ``B``
    outputs into slot ``t % 2`` of ``outs`` (read by the driver until the job after
    next). :meth:`finish` runs what is left at once.
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
        parts = _split_parts(L, B, self.steps, P, C, real)
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
        # seg (C, L): the last L input samples, its current block at seg[:, L-B:]
        self.seg = pyfftw.zeros_aligned((C, L), dtype=dt)
        if self.steps > 1:
            # windows: job t reads input [(t+1)B - L, (t+1)B) from wins[t % len(wins)]; a sample
            # lies in n_win windows (the block's own and the next ones), plus the one in use
            n_win = -(-L // B)
            self.wins = [pyfftw.zeros_aligned((C, L), dtype=dt) for _ in range(n_win + 1)]
            self.win_off = [L - B - d * B for d in range(n_win)]     # a block's offset in window t + d
            self.outs = np.zeros((2, C, B), dt)
            self._setup_steps(parts, F, C, P, real)
        self.Y = pyfftw.empty_aligned((C, F), dtype=cdt)
        self.ring = np.zeros((P, C, F), cdt)
        if parts > 1:
            self._setup_split(parts, C, dt, cdt, real, pyfftw)
            fins, fout, iin, iout = [self.sub_in], self.sub_X, self.sub_Z, self.sub_y
        else:
            self.X = pyfftw.empty_aligned((C, F), dtype=cdt)
            self.y = pyfftw.empty_aligned((C, L), dtype=dt) if real else self.Y
            fins, fout, iin, iout = (self.wins if self.steps > 1 else [self.seg]), self.X, self.Y, self.y
        # the engines' planning policy: deterministic ESTIMATE plans by default
        # the key names what the plans depend on (the plan memo keys records by it)
        bundle = plans.Bundle(("stream", fins[0].shape, fins[0].dtype.char, len(fins), fout.shape,
                               fout.dtype.char, iin.shape, iout.shape, iout.dtype.char), "FFTW_ESTIMATE")

        def factory(_bundle, effort, wisdom_only):
            nonlocal fwds, inv
            fwds = [plans.make_fftw(fin, fout, (1,), "FFTW_FORWARD", effort, 1, wisdom_only) for fin in fins]
            inv = plans.make_fftw(iin, iout, (1,), "FFTW_BACKWARD", effort, 1, wisdom_only)

        fwds = inv = None
        plans.plan_estimate(factory, bundle)
        self.fwds, self.inv = fwds, inv
        self.fwd = fwds[0]
        self.reset()

    def _setup_steps(self, s, F, C, P, real) -> None:
        """The parts of a job (see :func:`_plan_steps`): ``kslices``, the MAC steps' slices
        ``[k0, k1)`` of the sub-spectra's bins (of the spectrum when ``s = 1``), each with
        the spectrum's bins it reads and writes, as ranges; ``p_ahead``, the first of the
        oldest partitions whose terms the ``2s`` transform steps sum ahead (zeroing ``Y``
        first), each on one ``ahead`` range of bins (the first ``s`` by the previous job's
        inverse steps, the others by the forward steps). Cutting the ahead work by
        partitions, not bins, keeps it in long runs and the MAC steps even."""
        L = self.L
        frac = _plan_steps(L, s, self.steps, P, C, real)[1]
        self.p_ahead = P - int(round(frac * (P - 1)))
        self.ahead = [(F * i // (2 * s), F * (i + 1) // (2 * s)) for i in range(2 * s)]
        bins = np.arange(F)
        if s == 1:
            kmap, nk = bins, F
        else:
            M = L // s
            m = bins % M
            kmap, nk = (np.minimum(m, M - m), M // 2 + 1) if real else (m, M)
        n_mac = self.steps - 2 * s
        self.kslices = []
        for i in range(n_mac):
            k0, k1 = nk * i // n_mac, nk * (i + 1) // n_mac
            self.kslices.append((k0, k1, _runs(np.flatnonzero((kmap >= k0) & (kmap < k1)))))

    def _setup_split(self, s, C, dt, cdt, real, pyfftw) -> None:
        """Buffers and twiddles of the length-``L`` transforms done as ``s`` sub-transforms
        of length ``M = L / s`` (decimation in time forward, in frequency backward):

        forward  ``X[k + qM] = sum_j w^(jq) W^(jk) X_j[k]``, ``X_j`` the DFT of ``x[j::s]``;
        inverse  ``y[s m + j] = IDFT_M(Z_j)[m]``, ``Z_j[k] = W^(-jk) sum_q w^(-jq) Y[k + qM]``,

        with ``W = exp(-2 pi i / L)``, ``w = W^M = exp(-2 pi i / s)`` (so the sums over ``j``
        and ``q`` are s-point DFTs) and ``k < M``. For real data the sub-spectra are half
        spectra (``k <= M/2`` suffices: the bins ``k + qM`` past ``L/2`` are the conjugates
        of the held bins ``L - k - qM``). Twiddles ``W^(jk)`` are computed in double
        precision.
        """
        L, B = self.L, self.B
        M = L // s
        Mz = M // 2 + 1 if real else M
        self.M = M
        self.sub_in = pyfftw.empty_aligned((C, M), dtype=dt)
        self.sub_X = pyfftw.empty_aligned((C, Mz), dtype=cdt)
        self.sub_Z = pyfftw.empty_aligned((C, Mz), dtype=cdt)
        self.sub_y = pyfftw.empty_aligned((C, M), dtype=dt)
        self.subX = np.empty((s, C, Mz), cdt)              # the s sub-spectra of a block
        self.Z = np.empty((s, C, Mz), cdt)                 # the inverse's s sub-spectra
        tw = np.exp(-2j * np.pi * np.outer(np.arange(s), np.arange(Mz)) / L)    # W^(jk), k < Mz
        self.tw, self.itw = tw.astype(cdt), tw.conj().astype(cdt)
        self.tail0 = (L - B) // s                          # first sub-output sample that is kept

    def arrays(self) -> dict:
        out = {"H": self.H, "seg": self.seg, "Y": self.Y, "ring": self.ring}
        if self.steps > 1:
            out.update({f"win{i}": w for i, w in enumerate(self.wins)})
            out["outs"] = self.outs
        if self.parts > 1:
            for name in ("sub_in", "sub_X", "sub_Z", "sub_y", "subX", "Z", "tw", "itw"):
                out[name] = getattr(self, name)
        else:
            out["X"] = self.X
            if self.y is not self.Y:
                out["y"] = self.y
        return out

    def reset(self) -> None:
        self.seg[...] = 0
        self.ring[...] = 0
        self.Y[...] = 0         # (a spread level's first job finds its older terms summed: none)
        if self.steps > 1:
            for w in self.wins:
                w[...] = 0
            self.outs[...] = 0
        self.fill = 0           # samples of the current block already in seg[:, L-B:]
        self.blocks = 0         # blocks processed (or started, with a pending job)
        self.n = 0              # samples fed
        self.job = None         # next step of the pending job (spread levels)

    @property
    def produced(self) -> int:
        return self.blocks * self.B

    def _block(self, p_lo: int = 0, out: np.ndarray | None = None) -> np.ndarray:
        """Process the full block in seg[:, L-B:]; its B outputs into ``out`` (a fresh array
        when None)."""
        L, B, P = self.L, self.B, self.P
        t = self.blocks
        if self.steps > 1:           # a spread level (at flush): the job at once, from seg
            # (p_lo is not used: the terms it skips are exact zeros, and the older terms of
            # this job were partly summed by the previous job's steps)
            np.copyto(self.wins[t % len(self.wins)], self.seg)
            self.job_t, self.job = t, 0
            y = self.finish()
        else:
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
            y = self.y[:, L - B:]
        if out is None:
            out = y.copy()
        else:
            np.copyto(out, y)
        self.seg[:, : L - B] = self.seg[:, B:]      # slide the input window by one block
        self.blocks = t + 1
        self.fill = 0
        return out

    # -- spread jobs (steps > 1) --------------------------------------------------

    def push(self, x: np.ndarray) -> None:
        """Append samples that do not cross a block boundary, into every window that holds
        them; a completed block starts a job."""
        m, fill, t = x.shape[1], self.fill, self.blocks
        wins = self.wins
        nw = len(wins)
        for d, off in enumerate(self.win_off):
            off += fill
            if off + m <= 0:
                break
            if off >= 0:
                wins[(t + d) % nw][:, off:off + m] = x
            else:
                wins[(t + d) % nw][:, :off + m] = x[:, -off:]
        self.fill = fill + m
        self.n += m
        if self.fill == self.B:
            if self.job is not None:         # the driver steps once per short block
                raise RuntimeError("StreamConvolver: internal error, a long block's job overran")
            self.fill = 0
            self.job_t = t
            self.blocks = t + 1
            self.job = 0

    def step(self):
        """Do the next part of the pending job; at the last part, the slot of ``outs`` that
        holds its ``B`` outputs (valid until the job after next ends), else None.

        Parts: ``s`` forward (sub-)transforms; the MAC steps, each on one slice of the
        spectrum (assemble it from the sub-spectra, add the new block's term to the older
        terms, gather the inverse's sub-spectra); ``s`` inverse (sub-)transforms. The
        transform steps also sum a share of the older terms of this job (forward) or of
        the next one (inverse), so that every part costs about the same."""
        k = self.job
        if k is None:
            return None
        s, t, P = self.parts, self.job_t, self.P
        n_mac = len(self.kslices)
        if k < s:                                   # forward (sub-)transform j = k
            win = self.wins[t % len(self.wins)]
            if s > 1:
                np.copyto(self.sub_in, win[:, k::s])
                self.fwd.execute()
                np.copyto(self.subX[k], self.sub_X)
            else:
                self.fwds[t % len(self.wins)].execute()
            self._ahead(t, self.ahead[s + k])
        elif k < s + n_mac:                         # one slice of the spectrum
            k0, k1, ranges = self.kslices[k - s]
            combine, mac, gather = _slices()
            idx = t % P
            if s > 1:
                combine(self.subX, self.tw, self.ring[idx], k0, k1, self.M, self.L)
            else:
                np.copyto(self.ring[idx, :, k0:k1], self.X[:, k0:k1])
            mac(self.ring, self.H, idx, min(self.p_ahead, t + 1), self.Y, ranges)
            if s > 1:
                gather(self.Y, self.itw, self.Z, k0, k1, self.M, self.L)
        else:                                       # inverse (sub-)transform j
            j = k - s - n_mac
            out = self.outs[t % 2]
            if s > 1:
                np.copyto(self.sub_Z, self.Z[j])
                self.inv.execute()
                np.copyto(out[:, j::s], self.sub_y[:, self.tail0:])
            else:
                self.inv.execute()
                np.copyto(out, self.y[:, self.L - self.B:])
            self._ahead(t + 1, self.ahead[j])          # (after the inverse has read Y)
        if k < self.steps - 1:
            self.job = k + 1
            return None
        self.job = None
        return self.outs[t % 2]

    def _ahead(self, t: int, piece: tuple[int, int]) -> None:
        """Zero ``Y`` on the bins of ``piece`` and sum there the terms of job ``t``'s oldest
        partitions (from ``p_ahead`` on): they need no new spectrum."""
        f0, f1 = piece
        _mac()(self.ring, self.H, t % self.P, self.p_ahead, min(self.P, t + 1), self.Y, f0, f1)

    def finish(self):
        """Run the rest of the pending job at once; its outputs' slot, or None when there is none."""
        out = None
        while self.job is not None:
            out = self.step()
        return out

    def feed(self, x: np.ndarray) -> np.ndarray:
        """The outputs of every block that ``x`` completes (a level that is not spread): one
        fresh array, each block's outputs written into it."""
        L, B = self.L, self.B
        n = x.shape[1]
        out = np.empty((self.C, (self.fill + n) // B * B), self.seg.dtype)
        i = k = 0
        while i < n:
            m = min(B - self.fill, n - i)
            base = L - B + self.fill
            self.seg[:, base:base + m] = x[:, i:i + m]
            self.fill += m
            i += m
            if self.fill == B:
                self._block(out=out[:, k:k + B])
                k += B
        self.n += n
        return out

    def put(self, x: np.ndarray) -> bool:
        """Append samples that do not cross a block boundary (a level that is not spread);
        True when the block is complete (then :meth:`_block` processes it)."""
        m = x.shape[1]
        base = self.L - self.B + self.fill
        self.seg[:, base:base + m] = x
        self.fill += m
        self.n += m
        return self.fill == self.B

    def tail(self, need: int) -> np.ndarray:
        """The next ``need`` outputs, with zeros fed after the ``self.n`` samples of the signal."""
        L, B, N = self.L, self.B, self.n
        if self.steps > 1:            # seg from the window of the block being filled
            np.copyto(self.seg, self.wins[self.blocks % len(self.wins)])
        nblk = -(-need // B)
        out = np.empty((self.C, nblk * B), self.seg.dtype)
        for k in range(nblk):
            self.seg[:, L - B + self.fill:] = 0
            # Block t' reads input [(t'+1)B - L, (t'+1)B): all zeros once (t'+1)B - L >= N,
            # so partitions p with t - p >= ceil((N + L) / B) - 1 only meet zeros.
            t = self.blocks
            first_zero = -(-(N + L) // B) - 1
            self._block(max(0, t - first_zero + 1), out=out[:, k * B:(k + 1) * B])
        return out[:, :need]
