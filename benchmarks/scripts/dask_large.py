"""A convolution larger than a worker needs to hold: convkit.dask on a LocalCluster vs in-memory convkit.

Default: 2e8 float64 samples (1.6 GB in, 1.6 GB out), K = 1001, 'full' mode,
chunks of 1e7 samples, LocalCluster(n_workers=2, processes=True,
threads_per_worker=1). The input is generated on the workers
(``dask.array.random``, seeded), never on the client; the dask result is
reduced on the workers to checksums (sum, sum of squares) plus a few windows
around chunk boundaries, so no 1.6 GB array travels to the client. The
in-memory baseline runs in a child process (its own peak RSS), builds the same
input from the same seeded dask graph, and times ``convkit.convolve`` alone
with workers=1 and workers=2.

    python benchmarks/scripts/dask_large.py [--n 2e8] [--k 1001] [--chunk 1e7] [--skip-memory]

Peak memory is each process's ``ru_maxrss`` (resident set high-water mark,
interpreter and imports included).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

SEED = 12345


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _inputs(n, k, chunk):
    import dask.array as da

    x = da.random.default_rng(SEED).standard_normal(int(n), chunks=int(chunk))
    h = np.random.default_rng(SEED + 1).standard_normal(int(k)) / np.sqrt(k)
    return x, h


def _windows(n, k, chunk):
    """Output windows around chunk boundaries and both ends (64 samples each)."""
    out_len = n + k - 1
    starts = [0, out_len - 64]
    for b in (chunk, 2 * chunk, (n // chunk) * chunk, n // 2):
        for off in (-k, -32, 0):
            s = b + off
            if 0 <= s <= out_len - 64:
                starts.append(s)
    return sorted(set(starts))


def child(n, k, chunk):
    """In-memory baseline: materialise the input, time convkit.convolve; print JSON."""
    import convkit

    x, h = _inputs(n, k, chunk)
    t0 = time.perf_counter()
    x = x.compute(scheduler="sync")
    res = {"input_seconds": time.perf_counter() - t0}
    res["rss_after_input_mb"] = _rss_mb()
    for workers in (1, 2):
        convkit.convolve(x[: 10 * k], h, workers=workers)                # warm-up (JIT, plans)
        t0 = time.perf_counter()
        y = convkit.convolve(x, h, mode="full", workers=workers)
        res[f"seconds_w{workers}"] = time.perf_counter() - t0
        res["method"] = convkit.choose_method(x[: 10**6], h).method
        if workers == 1:
            res["sum"] = float(y.sum())
            res["sumsq"] = float(np.dot(y, y))
            res["windows"] = {s: y[s:s + 64].tolist() for s in _windows(n, k, chunk)}
        del y
    res["peak_mb"] = _peak_mb()
    print(json.dumps(res))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=float, default=2e8)
    ap.add_argument("--k", type=int, default=1001)
    ap.add_argument("--chunk", type=float, default=1e7)
    ap.add_argument("--skip-memory", action="store_true", help="skip the in-memory baseline")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    n, k, chunk = int(args.n), args.k, int(args.chunk)
    if args.child:
        child(n, k, chunk)
        return

    import dask.array as da
    from distributed import Client, LocalCluster

    import convkit.dask as ckd

    print(f"n={n:.3g} float64 ({n * 8 / 1e9:.2f} GB in, {(n + k - 1) * 8 / 1e9:.2f} GB out), K={k}, "
          f"mode='full', chunks={chunk:.3g}; machine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB RAM", flush=True)

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        x, h = _inputs(n, k, chunk)
        # warm every worker (imports, JIT cache, FFTW plans: convkit re-plans a shape with
        # FFTW_MEASURE at its 3rd use) on the first 6 chunks
        client.compute(ckd.convolve(x[: 6 * chunk], h).sum(), sync=True)
        t0 = time.perf_counter()
        client.compute([x.sum(), da.dot(x, x)], sync=True)
        gen = time.perf_counter() - t0          # the same pipeline without the convolution
        base = client.run(_rss_mb)
        y = ckd.convolve(x, h, mode="full")
        wins = _windows(n, k, chunk)
        parts = [y.sum(), da.dot(y, y)] + [y[s:s + 64] for s in wins]
        t0 = time.perf_counter()
        out = client.compute(parts, sync=True)
        wall = time.perf_counter() - t0
        peaks = client.run(_peak_mb)
        dask_sum, dask_sumsq, dask_windows = out[0], out[1], out[2:]
        print(f"\nconvkit.dask on LocalCluster(2 workers x 1 thread): {wall:.2f} s wall "
              f"({n / wall / 1e6:.1f} Msamples/s), {len(y.chunks[0])} chunks; load average "
              f"{os.getloadavg()[0]:.1f}")
        print(f"  of which generating the input and the reductions alone take {gen:.2f} s "
              f"(x.sum() and dot(x, x) on the cluster): convolution share about {wall - gen:.2f} s")
        for addr in sorted(peaks):
            print(f"  worker {addr}: peak RSS {peaks[addr]:.0f} MB (RSS {base[addr]:.0f} MB before the run)")

    if args.skip_memory:
        return
    print("\nin-memory convkit.convolve (child process) ...", flush=True)
    proc = subprocess.run([sys.executable, __file__, "--child", "--n", str(n), "--k", str(k),
                           "--chunk", str(chunk)], capture_output=True, text=True, check=True)
    mem = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"in-memory convkit.convolve (method {mem['method']!r}): {mem['seconds_w1']:.2f} s with workers=1, "
          f"{mem['seconds_w2']:.2f} s with workers=2; peak RSS {mem['peak_mb']:.0f} MB "
          f"({mem['rss_after_input_mb']:.0f} MB holding the input, generated in {mem['input_seconds']:.2f} s)")
    rel_sum = abs(dask_sum - mem["sum"]) / abs(mem["sumsq"]) ** 0.5
    rel_sq = abs(dask_sumsq - mem["sumsq"]) / mem["sumsq"]
    ref_w = np.concatenate([np.asarray(mem["windows"][str(s)]) for s in wins])
    got_w = np.concatenate(dask_windows)
    rel_w = np.linalg.norm(got_w - ref_w) / np.linalg.norm(ref_w)
    print(f"agreement: sum {rel_sum:.1e} (relative to ||y||), sum of squares {rel_sq:.1e}, "
          f"{len(wins)} boundary windows rel. L2 {rel_w:.1e}")
    print(f"speed-up of the cluster over in-memory: {mem['seconds_w1'] / wall:.2f}x vs workers=1, "
          f"{mem['seconds_w2'] / wall:.2f}x vs workers=2")


if __name__ == "__main__":
    main()
