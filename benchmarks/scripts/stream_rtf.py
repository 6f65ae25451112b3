"""Real-time factor of convkit.StreamConvolver: 48 kHz stereo through a 2 s impulse response.

RTF = seconds of audio processed per second of compute (single thread), for
block sizes 256, 1024 and 4096, against scipy.signal.oaconvolve on the whole
signal (offline, not streaming) and convkit.oaconvolve.

    python benchmarks/scripts/stream_rtf.py [--seconds 20] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np

FS = 48_000
K = 96_000          # 2 s impulse response


def _best(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0, help="audio length (default 20 s)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per contestant; best is kept")
    ap.add_argument("--blocks", type=int, nargs="*", default=[256, 1024, 4096])
    ap.add_argument("--chunk", type=int, default=None,
                    help="feed() chunk length (default: the block size, as an audio callback would)")
    args = ap.parse_args(argv)

    import scipy.signal as ss

    import convkit
    from convkit._stream import StreamConvolver

    rng = np.random.default_rng(0)
    n = int(args.seconds * FS)
    x = rng.standard_normal((2, n))                                     # stereo, time on the last axis
    h = rng.standard_normal(K) * np.exp(-np.arange(K) / (0.4 * FS))     # decaying "room" response
    audio = n / FS

    ref = ss.oaconvolve(x, h[None, :], axes=-1)
    rows = []
    configs = [(B, "auto") for B in args.blocks]
    configs += [(B, "uniform") for B in args.blocks if K >= 64 * B]     # where 'auto' is two-level
    for B, partition in configs:
        chunk = args.chunk or B
        sc = StreamConvolver(h, block_size=B, workers=1, partition=partition)
        sc.feed(x[:, :chunk])                                            # warm-up: JIT, plans
        sc.flush()

        def run():
            sc.reset()
            out = [sc.feed(x[:, i:i + chunk]) for i in range(0, n, chunk)]
            out.append(sc.flush())
            return out

        t = _best(run, args.repeat)
        y = np.concatenate(run(), axis=-1)
        err = np.linalg.norm(y - ref) / np.linalg.norm(ref)
        kind = "two-level" if sc._two_level else "uniform"
        rows.append((f"StreamConvolver B={B} {kind} ({B / FS * 1e3:.1f} ms)",
                     t, err, sc.nbytes))

    t = _best(lambda: ss.oaconvolve(x, h[None, :], axes=-1), args.repeat)
    rows.append(("scipy.signal.oaconvolve, whole signal (offline)", t, 0.0, None))
    convkit.oaconvolve(x[:, :FS], h[None, :], axes=-1)
    t = _best(lambda: convkit.oaconvolve(x, h[None, :], axes=-1), args.repeat)
    y = convkit.oaconvolve(x, h[None, :], axes=-1)
    rows.append(("convkit.oaconvolve, whole signal (offline)", t, np.linalg.norm(y - ref) / np.linalg.norm(ref), None))

    print(f"48 kHz stereo, {args.seconds:g} s of audio ({n} samples/channel), impulse response K={K} (2 s), "
          f"1 thread, best of {args.repeat}, feed() chunk = block size unless --chunk; cores: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'contestant':<48} {'seconds':>8} {'RTF':>8} {'rel. L2 vs scipy':>17} {'state MB':>9}")
    for name, t, err, nb in rows:
        state = f"{nb / 2**20:9.2f}" if nb is not None else f"{'':>9}"
        print(f"{name:<48} {t:8.3f} {audio / t:8.1f} {err:17.2e} {state}")


if __name__ == "__main__":
    main()
