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


_slice_kernels = None


def _slices():
    """The compiled kernels of a spread level's MAC steps (Numba, cached on disk), each over
    one slice of the spectrum given as bin ranges (``ranges``, rows ``[f0, f1)``):

    ``combine(subX, T, out, ranges, M)``
        assembles those bins of a block's spectrum from the ``s`` sub-spectra (forward
        transform cut by decimation in time);
    ``mac(ring, H, idx, p_hi, Y, ranges, f_bg)``
        ``Y = sum_p X_{t-p} H_p`` on those bins: the terms ``p >= 1`` (older spectra) on the
        bins from ``f_bg`` on (those below were summed by earlier steps, :func:`_mac` with
        ``p_lo = 1``), then the term ``p = 0``;
    ``gather(Y, Tinv, Z, M, L, k0, k1)``
        bins ``[k0, k1)`` of the spectra of every sub-sequence of the inverse (decimation
        in frequency), which read exactly the bins of the slice.
    """
    global _slice_kernels
    if _slice_kernels is None:
        from ._engines._jit import njit

        # Only 'contract' (FMA), as in _mac.
        @njit(cache=True, nogil=True, fastmath={"contract"})
        def combine(subX, T, out, ranges, M):
            """out[c, f] = sum_j T[j, f] * X_j[f mod M]; for real data X_j holds bins 0 .. M/2
            and bin m > M/2 is conj(X_j[M - m]). Runs of contiguous bins, so the inner
            loops have no branch."""
            s, C, Mz = subX.shape
            half = Mz < M                       # real data: half spectra
            for r in range(ranges.shape[0]):
                f0, f1 = ranges[r, 0], ranges[r, 1]
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
        def mac(ring, H, idx, p_hi, Y, ranges, f_bg):
            """Y[c, f] (= 0 from f_bg on) += sum_{1 <= p < p_hi} ring[(idx - p) % P, c, f] * H[p, f]
            (from f_bg on), then += ring[idx, c, f] * H[0, f]: the order of _mac with p_lo = 1,
            then p = 0."""
            P = ring.shape[0]
            C = ring.shape[1]
            for r in range(ranges.shape[0]):
                f0, f1 = ranges[r, 0], ranges[r, 1]
                g0 = max(f0, f_bg)
                for c in range(C):
                    for f in range(g0, f1):
                        Y[c, f] = 0
                for p in range(1, p_hi):
                    s = idx - p
                    if s < 0:
                        s += P
                    h = H[p]
                    for c in range(C):
                        x = ring[s, c]
                        o = Y[c]
                        for f in range(g0, f1):
                            o[f] += x[f] * h[f]
                h = H[0]
                for c in range(C):
                    x = ring[idx, c]
                    o = Y[c]
                    for f in range(f0, f1):
                        o[f] += x[f] * h[f]

        @njit(cache=True, nogil=True, fastmath={"contract"})
        def gather(Y, Tinv, Z, M, L, k0, k1):
            """Z[j, c, k] = sum_q Y[k + qM] * Tinv[j, q, k], k0 <= k < k1; for real data Y holds
            bins 0 .. L/2 and bin kk > L/2 is conj(Y[L - kk]). Runs of contiguous bins."""
            C, F = Y.shape
            s = Tinv.shape[0]
            for j in range(s):
                for c in range(C):
                    y = Y[c]
                    z = Z[j, c]
                    for q in range(s):
                        t = Tinv[j, q]
                        base = q * M
                        n = max(k0, min(k1, F - base))       # bins read directly: k < n
                        if q == 0:
                            for k in range(k0, n):
                                z[k] = y[base + k] * t[k]
                            for k in range(n, k1):          # mirrored bins (real data only)
                                z[k] = y[L - base - k].conjugate() * t[k]
                        else:
                            for k in range(k0, n):
                                z[k] += y[base + k] * t[k]
                            for k in range(n, k1):
                                z[k] += y[L - base - k].conjugate() * t[k]

        _slice_kernels = (combine, mac, gather)
    return _slice_kernels


def _split_parts(L: int, B: int, steps: int, P: int, C: int, real: bool) -> int:
    """Sub-transforms per long transform of a spread level (1, 2, 4 or 8): the count whose
    costliest step is cheapest by the cost model (:func:`_plan_steps`, constants in
    :mod:`convkit._tuning`). The block must
    divide evenly and leave at least one MAC step."""
    if steps <= 1:
        return 1
    best, best_cost = 1, _plan_steps(L, 1, steps, P, C, real)[0]
    for s in (2, 4, 8):
        if B % s or steps < 2 * s + 1 or L // s < 16:
            break
        cost = _plan_steps(L, s, steps, P, C, real)[0]
        if cost < best_cost:
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
    fg = ((2 * s * STREAM_SPLIT_NS if s > 1 else 0.0) + STREAM_MAC_NS) * F * C / n_mac
    bg = STREAM_MAC_NS * max(P - 1, 0) * F * C
    ahead = min(max((bg + n_mac * (fg - fft)) / steps, 0.0), bg / (2 * s))   # per transform step
    rest = (bg - 2 * s * ahead) / n_mac                                       # per MAC step
    return max(fft + ahead, fg + rest), (2 * s * ahead / bg if bg else 0.0)


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
        """The parts of a job (see :func:`_plan_steps`): ``ahead``, the ``2s`` bin ranges of
        the older partitions' terms summed in the transform steps (the first ``s`` by the
        previous job's inverse steps, the others by the forward steps); ``kslices``, the
        MAC steps' slices ``[k0, k1)`` of the sub-spectra's bins (of the spectrum when
        ``s = 1``) with the spectrum's bins each one reads and writes, as ranges."""
        L = self.L
        frac = _plan_steps(L, s, self.steps, P, C, real)[1]
        self.f_bg = f_bg = int(F * frac)
        self.ahead = [(f_bg * i // (2 * s), f_bg * (i + 1) // (2 * s)) for i in range(2 * s)]
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
            sel = np.flatnonzero((kmap >= k0) & (kmap < k1))
            if sel.size:
                cut = np.flatnonzero(np.diff(sel) != 1)
                ranges = np.stack([sel[np.r_[0, cut + 1]], sel[np.r_[cut, sel.size - 1]] + 1], axis=1)
            else:                           # more MAC steps than bins (tiny blocks)
                ranges = np.zeros((0, 2), np.int64)
            self.kslices.append((k0, k1, np.ascontiguousarray(ranges, dtype=np.int64)))

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
        self.Z = np.empty((s, C, Mz), cdt)                 # the inverse's s sub-spectra
        self.T = np.exp(-2j * np.pi * np.outer(np.arange(s), np.arange(F)) / L).astype(cdt)
        kk = np.arange(Mz)[None, :] + M * np.arange(s)[:, None]           # (q, k)
        self.Tinv = np.exp(2j * np.pi * (np.arange(s)[:, None, None] * kk[None, :, :]) / L).astype(cdt)
        self.tail0 = (L - B) // s                          # first sub-output sample that is kept

    def arrays(self) -> dict:
        out = {"H": self.H, "seg": self.seg, "Y": self.Y, "ring": self.ring}
        if self.steps > 1:
            out.update({f"win{i}": w for i, w in enumerate(self.wins)})
            out["outs"] = self.outs
        if self.parts > 1:
            for name in ("sub_in", "sub_X", "sub_Z", "sub_y", "subX", "Z", "T", "Tinv"):
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
                combine(self.subX, self.T, self.ring[idx], ranges, self.M)
            else:
                np.copyto(self.ring[idx, :, k0:k1], self.X[:, k0:k1])
            mac(self.ring, self.H, idx, min(P, t + 1), self.Y, ranges, self.f_bg)
            if s > 1:
                gather(self.Y, self.Tinv, self.Z, self.M, self.L, k0, k1)
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
        """Sum the older partitions' terms (``p >= 1``) of job ``t`` into ``Y`` on the bins of
        ``piece``: they need no new spectrum."""
        f0, f1 = piece
        if f1 > f0:
            _mac()(self.ring, self.H, t % self.P, 1, min(self.P, t + 1), self.Y, f0, f1)

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
