"""Command line: ``python -m convkit bench | tune | explain | warmup``."""

from __future__ import annotations

import argparse
import sys


def _explain(args) -> int:
    import numpy as np

    from .signal import choose_method

    dtype = np.dtype(args.dtype)
    in1 = np.zeros(args.shape1, dtype=dtype)
    in2 = np.zeros(args.shape2, dtype=dtype)
    choice = choose_method(in1, in2, mode=args.mode, axes=args.axes, workers=args.workers)
    print(f"shapes {tuple(args.shape1)} * {tuple(args.shape2)}, {dtype}, mode={args.mode!r}, "
          f"workers={args.workers or 1}")
    print(f"method: {choice.method}")
    print(f"reason: {choice.reason}")
    for name, secs in sorted(choice.predicted.items(), key=lambda kv: kv[1]):
        print(f"  {name:<7} {secs * 1e3:10.4f} ms predicted")
    return 0


def _tune(args) -> int:
    from .tune import tune

    path = tune(quick=args.quick, progress=True)
    print(f"profile written to {path}")
    return 0


def _bench(args) -> int:
    from ._bench import main

    return main(quick=args.quick, workers=args.workers, out=args.out)


def _warmup(args) -> int:
    from .warmup import warmup

    warmup()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convkit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    bench = sub.add_parser("bench", help="time convkit against scipy.signal and draw the method map")
    bench.add_argument("--quick", action="store_true", help="a smaller grid (under 3 minutes)")
    bench.add_argument("--workers", type=int, default=1, help="threads for every contestant that takes them")
    bench.add_argument("--out", default="bench-results", help="folder for the JSON and PNG results")
    bench.set_defaults(func=_bench)

    tune = sub.add_parser("tune", help="measure this machine and save the dispatcher's profile")
    tune.add_argument("--quick", action="store_true", help="fewer sizes and repeats")
    tune.set_defaults(func=_tune)

    explain = sub.add_parser("explain", help="say which method auto picks for a workload, and why")
    explain.add_argument("--shape1", type=int, nargs="+", required=True)
    explain.add_argument("--shape2", type=int, nargs="+", required=True)
    explain.add_argument("--dtype", default="float64")
    explain.add_argument("--mode", default="full", choices=["full", "valid", "same"])
    explain.add_argument("--axes", type=int, nargs="+", default=None)
    explain.add_argument("--workers", type=int, default=None)
    explain.set_defaults(func=_explain)

    warm = sub.add_parser("warmup", help="compile (or load from cache) the Numba kernels ahead of time")
    warm.set_defaults(func=_warmup)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
