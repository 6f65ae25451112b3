"""Interleaved timing: every contestant runs once per repeat, in a shuffled order.

On a shared, noisy machine a burst of load hits whichever contestant happens
to be running. Timing contestants one after another hands the whole burst to
one of them; interleaving them spreads it over all of them, and the median of
each contestant's samples discards the bursts. The order is a fresh (seeded)
permutation every round, not a rotation: under a rotation each contestant
always follows the same one, and what that predecessor leaves behind (a warm
or evicted cache, a freed buffer) biased one contestant by 10-40% in
``convkit bench``. ``convkit.bench`` and the dispatcher's calibration both
time this way.
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence

__all__ = ["round_order", "median", "settle", "calibrate_number", "time_interleaved"]


def round_order(names: Sequence[str], repeat: int) -> list[str]:
    """The order contestants run in on repeat ``repeat`` (0-based): a permutation seeded by ``repeat``.

    Deterministic for a given ``repeat``, and different from round to round,
    so no contestant always runs right after the same other one.

    >>> sorted(round_order(["a", "b", "c"], 1))
    ['a', 'b', 'c']
    """
    order = list(names)
    random.Random(repeat).shuffle(order)
    return order


def median(samples: Iterable[float]) -> float:
    """The median of ``samples`` (mean of the two middle values for an even count); NaN when empty."""
    values = sorted(samples)
    n = len(values)
    if n == 0:
        return math.nan
    mid = n // 2
    if n % 2:
        return values[mid]
    return 0.5 * (values[mid - 1] + values[mid])


#: At most this many rounds of "wait for the background compile, settle again" in :func:`settle`:
#: a call can need a second compile only when its first request was queued behind another one.
_COMPILE_WAITS = 4


def settle(call: Callable[[], object], max_calls: int = 5, max_seconds: float = 1.0,
           clock: Callable[[], float] = time.perf_counter, min_calls: int = 3) -> int:
    """Call until two calls in a row agree within 2×, at least ``min_calls`` times; return the count.

    The first call compiles and plans, but not every one-time cost comes
    first: a direct call whose kernels are compiling in a background process
    (``CONVKIT_COMPILE=background``, the default) runs the slower plain loop
    until that process is done, and calls of other shapes queue behind it.
    Settling waits for such a compile (and for the FFTW plan store's filler, which
    holds a core as long) and settles again, so timed rounds never
    mix the plain loop with the tiled kernels (the first ``threads.py`` run of
    a session once read 1.00x everywhere because of it). For the same reason
    it ends the small-call routes' numpy roads first: a process that has not
    loaded Numba would time the long-dot loop's numpy twin instead of the loop.
    Each settling stops after ``max_calls`` calls or ``max_seconds``; waiting
    is not counted.
    """
    _leave_numpy_roads()
    n = _settle_calls(call, max_calls, max_seconds, clock, min_calls)
    for _ in range(_COMPILE_WAITS):
        if not _wait_for_background_work():
            break
        n += _settle_calls(call, max_calls, max_seconds, clock, min_calls)
    return n


def _leave_numpy_roads() -> None:
    """End the small-call routes' numpy roads (``convkit._execute.leave_numpy_road``), so the calls
    settled here load Numba and start the loops' compiles that :func:`_wait_for_background_work`
    then waits for: timed rounds run the compiled loop, not its numpy twin. Nothing to end where
    ``convkit._execute`` was never imported."""
    execute = sys.modules.get("convkit._execute")
    if execute is not None:
        execute.leave_numpy_road()


def _wait_for_background_work(timeout: float = 900.0) -> bool:
    """Wait for the background work this process started, if any is running; whether there was any.

    Two kinds hold a core for seconds: the compile of direct kernels (the call runs the plain
    loop meanwhile) and the filler of the FFTW plan store (``CONVKIT_FFTW_FILL``: 6 s of CPU at
    nice 19 on epyc-zen4-2c, which takes the second core from a ``workers=2`` round)."""
    waited = False
    # never imported here: none was started, nothing to wait for
    for name in ("convkit._execute_compile", "convkit._engines._fft_fill"):
        work = sys.modules.get(name)
        if work is not None and work.running():
            work.wait(timeout)
            waited = True
    return waited


def _settle_calls(call: Callable[[], object], max_calls: int, max_seconds: float,
                  clock: Callable[[], float], min_calls: int) -> int:
    """:func:`settle`'s loop: call until two calls in a row agree within 2× (see there)."""
    prev = None
    spent = 0.0
    for n in range(1, max_calls + 1):
        t0 = clock()
        call()
        t = clock() - t0
        spent += t
        if n >= min_calls and prev is not None and t <= 2 * prev and prev <= 2 * t:
            return n
        if spent > max_seconds:
            return n
        prev = t
    return max_calls


def calibrate_number(func: Callable[[], object], min_time: float, *,
                     clock: Callable[[], float] = time.perf_counter, max_number: int = 1_000_000) -> int:
    """Loop count such that ``number`` back-to-back calls of ``func`` take at least ``min_time`` seconds.

    Starts from one timed call (so call ``func`` once beforehand if its first
    call compiles or plans), then grows the count until a loop lasts at least
    ``0.8 * min_time``.
    """
    if min_time <= 0:
        return 1
    number = 1
    for _ in range(10):
        t0 = clock()
        for _ in range(number):
            func()
        elapsed = clock() - t0
        if elapsed >= 0.8 * min_time or number >= max_number:
            break
        grow = min_time / elapsed if elapsed > 0 else 100.0
        number = min(max_number, max(number + 1, math.ceil(number * min(grow, 100.0))))
    return number


def time_interleaved(funcs: dict[str, Callable[[], object]], repeats: int = 7, min_time: float = 0.01, *,
                     warmup: bool = True, max_time: float | None = None, min_repeats: int = 3,
                     clock: Callable[[], float] = time.perf_counter,
                     on_repeat: Callable[[int, int], None] | None = None) -> dict[str, list[float]]:
    """Time several callables against each other, interleaved, and return seconds per call.

    Parameters
    ----------
    funcs : dict of str to callable
        The contestants: zero-argument callables.
    repeats : int
        Number of rounds. Each round runs every contestant once (one sample:
        ``number`` back-to-back calls), in the order ``round_order(names, round)``.
    min_time : float
        Seconds one sample should last at least; each contestant gets its own
        loop count so a 2 µs call is looped and a 2 s call is not.
    warmup : bool, optional
        :func:`settle` every contestant before anything else (JIT
        compilation, FFT planning, caches, a late FFTW re-plan): otherwise
        a one-time cost inside the loop-count calibration leaves that
        contestant timed one call at a time. Default True.
    max_time : float, optional
        Budget in seconds for the rounds (warm-up and calibration excluded).
        Once ``min_repeats`` rounds are done, stop early when the mean round
        so far says the next one would overrun it.
    min_repeats : int, optional
        Rounds always run under ``max_time`` (default 3; capped by ``repeats``).
    clock : callable, optional
        The time source (``time.perf_counter``); tests pass a fake one.
    on_repeat : callable, optional
        Called as ``on_repeat(done, total)`` after each round (progress bars).

    Returns
    -------
    dict of str to list of float
        For every contestant, one sample per round: seconds per call. Take
        :func:`median` of each list.

    Examples
    --------
    >>> import math
    >>> t = time_interleaved({"sqrt": lambda: math.sqrt(2.0), "pow": lambda: 2.0 ** 0.5}, repeats=3, min_time=1e-4)
    >>> sorted(t), len(t["sqrt"])
    (['pow', 'sqrt'], 3)
    """
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    names = list(funcs)
    if warmup:
        for name in names:
            settle(funcs[name], clock=clock)
    number = {name: calibrate_number(funcs[name], min_time, clock=clock) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    t_start = clock()
    for r in range(repeats):
        for name in round_order(names, r):
            func = funcs[name]
            n = number[name]
            t0 = clock()
            for _ in range(n):
                func()
            samples[name].append((clock() - t0) / n)
        done = r + 1
        if on_repeat is not None:
            on_repeat(done, repeats)
        if max_time is not None and done >= min_repeats and done < repeats:
            per_round = (clock() - t_start) / done
            if (clock() - t_start) + per_round > max_time:
                break
    return samples
