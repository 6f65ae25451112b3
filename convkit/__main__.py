"""Command line: ``python -m convkit bench | tune | explain | warmup | check-scipy``.

A user's mistake (an unknown dtype, shapes convkit rejects, a bad thread
count) ends with a one-line ``error:`` message and exit status 2, never a
traceback; output piped into a command that stops reading (``| head``) ends
quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


class UsageError(Exception):
    """A mistake in the command line: reported in one line, exit status 2."""


def _dtype(text: str):
    import numpy as np

    from ._plan import _DTYPE_ALIASES

    try:
        return np.dtype(text)
    except TypeError:
        alias = _DTYPE_ALIASES.get(text.strip().lower())
        hint = f"; did you mean --dtype {alias}?" if alias else " (try float32, float64, complex64, complex128, int64)"
        raise UsageError(f"--dtype: {text!r} is not a numpy dtype{hint}") from None


def _workers(value):
    from ._workers import resolve_workers

    try:
        resolve_workers(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--workers: {exc}") from None
    return value


def _explain(args) -> int:
    import numpy as np

    from ._signal import choose_method

    dtype = _dtype(args.dtype)
    _workers(args.workers)
    if any(n < 0 for n in (*args.shape1, *args.shape2)):
        raise UsageError("--shape1/--shape2: lengths must not be negative")
    in1 = np.zeros(args.shape1, dtype=dtype)
    in2 = np.zeros(args.shape2, dtype=dtype)
    try:
        choice = choose_method(in1, in2, mode=args.mode, axes=args.axes, workers=args.workers)
    except (TypeError, ValueError) as exc:
        # convkit's own input checks: the message says what is wrong with the workload
        raise UsageError(str(exc)) from None
    print(f"shapes {tuple(args.shape1)} * {tuple(args.shape2)}, {dtype}, mode={args.mode!r}, "
          f"workers={args.workers or 1}")
    print(f"method: {choice.method}")
    print(f"reason: {choice.reason}")
    for name, secs in sorted(choice.predicted.items(), key=lambda kv: kv[1]):
        print(f"  {name:<7} {secs * 1e3:10.4f} ms predicted")
    return 0


def _tune(args) -> int:
    from ._tune import tune

    path = tune(quick=args.quick, progress=True)
    print(f"profile written to {path}")
    return 0


def _bench(args) -> int:
    from ._bench import main

    _workers(args.workers)
    return main(quick=args.quick, workers=args.workers, out=args.out, group=args.group)


def _warmup(args) -> int:
    from ._warmup import DTYPES, warmup

    dtypes = args.dtype or DTYPES
    for name in dtypes:
        if name not in DTYPES:
            raise UsageError(f"--dtype {name!r}: choose from {', '.join(DTYPES)}")
    t0 = time.perf_counter()
    items = warmup(dtypes, tuple(args.ndim or (1, 2, 3)), images=args.images, fft_lengths=args.fft_lengths,
                   progress=True)
    print(f"warmed {len(items)} engine paths in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


def _check_scipy(args) -> int:
    try:
        import pytest  # noqa: F401
    except ImportError:
        raise UsageError("check-scipy runs scipy's tests through pytest: install it (pip install pytest)") from None
    from ._check_scipy import main, scipy_test_file

    try:
        scipy_test_file()
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    return main(sample=args.sample, extra=args.pytest_args, verbose=args.verbose)


def main(argv=None) -> int:
    """Run the command line; returns the exit status (2 for a user's mistake)."""
    parser = argparse.ArgumentParser(prog="python -m convkit", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    bench = sub.add_parser("bench", help="time convkit against scipy.signal (and scipy.ndimage, OpenCV, "
                                         "scikit-image) and draw the method maps")
    bench.add_argument("--quick", action="store_true", help="a smaller grid (under 3 minutes)")
    bench.add_argument("--group", choices=["signal", "images", "all"], default="signal",
                       help="signal: scipy.signal's convolution family (default); images: convkit.ndimage "
                            "and match_template against scipy.ndimage, OpenCV and scikit-image where "
                            "installed; all: both")
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
    warm.add_argument("--dtype", nargs="+", default=None, help="compute dtypes (default: all five)")
    warm.add_argument("--ndim", type=int, nargs="+", default=None, choices=[1, 2, 3],
                      help="dimensionalities (default: 1 2 3)")
    warm.add_argument("--images", action="store_true",
                      help="also compile convkit.ndimage's filter passes and match_template (2-D and 3-D)")
    warm.add_argument("--fft-lengths", action="store_true",
                      help="also plan the 1-D real FFT at every transform length up to 2**18 (kept in the plan memo)")
    warm.set_defaults(func=_warmup)

    check = sub.add_parser(
        "check-scipy",
        help="run scipy.signal's own convolution tests with convkit substituted (convkit.patch_scipy)",
        description="Run a sample of scipy.signal's installed tests (test_signaltools.py: the convolve, "
                    "correlate, fftconvolve, oaconvolve, convolve2d and correlate2d classes) through pytest "
                    "with convkit substituted for scipy.signal's convolution family. Tests that meet one "
                    "of convkit's documented differences from scipy are reported as xfail with the reason.")
    check.add_argument("--sample", choices=["quick", "full", "all"], default="full",
                       help="quick: about 170 tests (under a minute); full (default): every test of those "
                            "classes (about 11,700, minutes); all: scipy.signal's whole suite")
    check.add_argument("-v", "--verbose", action="store_true", help="list every test")
    check.add_argument("pytest_args", nargs=argparse.REMAINDER,
                       help="further pytest arguments after --, e.g. -- -k fftconvolve -x")
    check.set_defaults(func=_check_scipy)

    args = parser.parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()
        return status
    except UsageError as exc:
        parser.exit(2, f"{parser.prog} {args.command}: error: {exc}\n")
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly. Point stdout at devnull so the
        # interpreter's final flush does not raise a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        parser.exit(130, "\ninterrupted\n")


if __name__ == "__main__":
    sys.exit(main())
