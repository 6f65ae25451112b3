"""The levels of :class:`convkit._stream.StreamConvolver`'s partitioned engine ('fdl').

One level is a uniformly partitioned overlap-save convolution of one piece of the kernel
(:class:`PartitionedLevel`, described in :mod:`convkit._stream`'s docstring): a ring of input spectra
(the frequency-domain delay line) multiplied into the kernel partitions' spectra by a
compiled multiply-accumulate (:func:`_mac`). A two-level stream's tail level spreads each
long block's work over the short blocks that follow it, its long transforms cut into
sub-transforms (:func:`_split_parts`, :func:`_split`) when they are long (``SPLIT_MIN``).
"""

from __future__ import annotations

import numpy as np

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


def _split_parts(L: int, B: int, steps: int) -> int:
    """Sub-transforms per long transform of a spread level: 1, 2 or 4 (see SPLIT_MIN);
    the block must divide evenly and leave at least one MAC slice."""
    if steps <= 1 or L < SPLIT_MIN:
        return 1
    s = 4 if L >= 2 * SPLIT_MIN else 2
    while s > 1 and (B % s or steps < 2 * s + 1):
        s //= 2
    return s


class PartitionedLevel:
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
