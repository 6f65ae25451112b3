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

#: Cost model of a spread level's steps (thread CPU time, ns), from which
#: :func:`_split_parts` picks the number of sub-transforms: a real transform of ``M`` points
#: costs ``FFT_NS * M * log2(M)`` (twice that when complex), the MAC ``MAC_NS`` per bin and
#: partition, assembling the spectrum (combine) and the inverse's inputs (gather) ``SPLIT_NS``
#: per bin and sub-transform; per channel. Medians of ``stream_latency.py --trace`` on
#: epyc-zen4-2c (K = 96000, B = 256 and 1024; tail transforms of 8192 - 32768 points, 4 - 22
#: partitions): forward / inverse 0.15 - 0.21, MAC 2.0 - 2.4, combine 2.0 - 2.5, gather 1.6.
#: Reproduce: ``python benchmarks/scripts/stream_latency.py --trace --B 256 1024 --K 96000``.
FFT_NS = 0.19
MAC_NS = 2.2
SPLIT_NS = 2.0


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


def _split_parts(L: int, B: int, steps: int, P: int, C: int, real: bool) -> int:
    """Sub-transforms per long transform of a spread level (1, 2, 4 or 8): the count whose
    costliest step is cheapest by the cost model (``FFT_NS``, ``MAC_NS``, ``SPLIT_NS``), so
    that the steps of a job cost about the same. The block must divide evenly and leave at
    least one MAC slice."""
    if steps <= 1:
        return 1
    best, best_cost = 1, _max_step_ns(L, 1, steps, P, C, real)
    for s in (2, 4, 8):
        if B % s or steps < 2 * s + 1 or L // s < 16:
            break
        cost = _max_step_ns(L, s, steps, P, C, real)
        if cost < best_cost:
            best, best_cost = s, cost
    return best


def _max_step_ns(L: int, s: int, steps: int, P: int, C: int, real: bool) -> float:
    """Predicted thread CPU time (ns) of the costliest step of a job whose length-``L``
    transforms run as ``s`` sub-transforms: a forward sub-transform, a MAC slice (with its
    part of the spectrum assembly), or an inverse sub-transform (with its gather)."""
    M = L // s
    F = L // 2 + 1 if real else L
    fft = FFT_NS * M * math.log2(M) * (1 if real else 2) * C
    n_mac = steps - 2 * s
    mac = (MAC_NS * P + (SPLIT_NS * s if s > 1 else 0)) * F * C / n_mac
    gather = SPLIT_NS * F * C if s > 1 else 0.0
    return max(fft, mac, fft + gather)


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
        nslices = max(1, self.steps - 2 * parts)
        self.slices = [(F * i // nslices, F * (i + 1) // nslices) for i in range(nslices)]
        self.Y = pyfftw.empty_aligned((C, F), dtype=cdt)
        self.ring = np.zeros((P, C, F), cdt)
        if parts > 1:
            self._setup_split(parts, C, dt, cdt, real, pyfftw)
            fins, fout, iin, iout = [self.sub_in], self.sub_X, self.sub_Z, self.sub_y
        else:
            self.X = pyfftw.empty_aligned((C, F), dtype=cdt)
            self.y = pyfftw.empty_aligned((C, L), dtype=dt) if real else self.Y
            fins, fout, iin, iout = (self.wins if self.steps > 1 else [self.seg]), self.X, self.Y, self.y
        self.job_plo = 0
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
        self.tail0 = (L - B) // s                          # first sub-output sample that is kept

    def arrays(self) -> dict:
        out = {"H": self.H, "seg": self.seg, "Y": self.Y, "ring": self.ring}
        if self.steps > 1:
            out.update({f"win{i}": w for i, w in enumerate(self.wins)})
            out["outs"] = self.outs
        if self.parts > 1:
            for name in ("sub_in", "sub_X", "sub_Z", "sub_y", "subX", "T", "Tinv"):
                out[name] = getattr(self, name)
        else:
            out["X"] = self.X
            if self.y is not self.Y:
                out["y"] = self.y
        return out

    def reset(self) -> None:
        self.seg[...] = 0
        self.ring[...] = 0
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
            np.copyto(self.wins[t % len(self.wins)], self.seg)
            self.job_t, self.job, self.job_plo = t, 0, p_lo
            y = self.finish()
            self.job_plo = 0
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
        holds its ``B`` outputs (valid until the job after next ends), else None."""
        k = self.job
        if k is None:
            return None
        if self.parts > 1:
            return self._split_step(k)
        t, P = self.job_t, self.P
        idx = t % P
        p_hi = min(P, t + 1)
        if k == 0:
            self.fwds[t % len(self.wins)].execute()
            self.ring[idx] = self.X
        elif k <= len(self.slices):
            f0, f1 = self.slices[k - 1]
            _mac()(self.ring, self.H, idx, self.job_plo, p_hi, self.Y, f0, f1)
        if k < self.steps - 1:
            self.job = k + 1
            return None
        self.inv.execute()
        self.job = None
        out = self.outs[t % 2]
        np.copyto(out, self.y[:, self.L - self.B:])
        return out

    def _split_step(self, k):
        """Part ``k`` of a job cut into sub-transforms: ``s`` forward sub-transforms, the
        multiply-accumulate in slices of bins (each slice first assembles its bins of the
        block's spectrum), then ``s`` inverse sub-transforms."""
        s, t, P = self.parts, self.job_t, self.P
        idx = t % P
        p_hi = min(P, t + 1)
        n_mac = len(self.slices)
        combine, gather = _split()
        out = self.outs[t % 2]
        if k < s:                                   # forward sub-transform j = k
            np.copyto(self.sub_in, self.wins[t % len(self.wins)][:, k::s])
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
            np.copyto(out[:, j::s], self.sub_y[:, self.tail0:])
        if k < self.steps - 1:
            self.job = k + 1
            return None
        self.job = None
        return out

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
