"""The direct engine's worker threads: plain Python threads running the nogil drivers, fork-safe.

``workers > 1`` splits a call's work items into chunks and runs them on a
:class:`~concurrent.futures.ThreadPoolExecutor`; the compiled drivers release
the GIL, so the chunks run in parallel. No OpenMP or TBB runtime is loaded
(Numba's ``prange`` would load GNU OpenMP, whose threads do not survive
``fork``: a forked child that used them hung). After a fork the child drops
the parent's executor (its threads do not exist there) and makes its own on
first use.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

__all__ = ["run_chunks"]

# one executor per thread count asked for (a few at most); never shut down while the
# process lives, so a call on another user thread can never meet a closed one
_pools: dict[int, ThreadPoolExecutor] = {}
_lock = threading.Lock()


def _forget_after_fork() -> None:
    global _lock
    _pools.clear()
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)


def _executor(threads: int) -> ThreadPoolExecutor:
    pool = _pools.get(threads)
    if pool is None:
        with _lock:
            pool = _pools.get(threads)
            if pool is None:
                pool = _pools[threads] = ThreadPoolExecutor(max_workers=threads,
                                                            thread_name_prefix="convkit-direct")
    return pool


def run_chunks(fn, bounds, workers: int) -> None:
    """Call ``fn(it0, it1)`` for each chunk ``bounds[c] .. bounds[c + 1]``, on up to ``workers`` threads.

    The calling thread takes the first chunk itself. Exceptions propagate.
    """
    chunks = [(int(bounds[c]), int(bounds[c + 1])) for c in range(len(bounds) - 1) if bounds[c + 1] > bounds[c]]
    if workers <= 1 or len(chunks) <= 1:
        for it0, it1 in chunks:
            fn(it0, it1)
        return
    # `workers` lanes pull chunks from one shared iterator (next() on a list
    # iterator is atomic under the GIL), so a lane slowed by another process
    # takes fewer chunks
    lanes = min(workers, len(chunks))
    todo = iter(chunks)

    def lane():
        for it0, it1 in todo:
            fn(it0, it1)

    pool = _executor(lanes - 1)
    futures = [pool.submit(lane) for _ in range(lanes - 1)]
    try:
        lane()
    finally:
        for f in futures:
            f.result()
