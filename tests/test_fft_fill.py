"""The filled FFTW plan store (``_engines._fft_fill``, ``CONVKIT_FFTW_FILL``).

The store's records must give the bits that planning from nothing gives (checked in fresh
processes against the memo switched off); a damaged or partial store is ignored or used for
what it holds; the switch decides whether a plan miss starts the background filler; a forked
child of a process whose filler runs must not hang.
"""
from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pyfftw")

from convkit._engines import _fft_fill, _fft_plans, _spectral  # noqa: E402
from convkit._engines._fft_sizes import fast_fft_len  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# every FFTW length up to this (a handful: the store of the tests), and calls whose transform
# lengths are in it, or beyond it (planned from nothing, recorded per plan)
SMALL_MAX = 6000
_CALLS = [(2000, 1000, "float64"), (4000, 1500, "float64"), (3000, 999, "float32"), (9000, 700, "float64")]

# a process's digests of _CALLS, and which plan keys the store served
_DIGESTS = r"""
import hashlib, json
import numpy as np
import convkit
from convkit._engines import _fft_fill
served = []
_lookup = _fft_fill.lookup
def lookup(key):
    wis = _lookup(key)
    if wis is not None:
        served.append(key)
    return wis
_fft_fill.lookup = lookup
rng = np.random.default_rng(11)
out = []
for n, k, dt in CALLS:
    x, h = rng.standard_normal(n).astype(dt), rng.standard_normal(k).astype(dt)
    out.append(hashlib.sha256(np.ascontiguousarray(convkit.fftconvolve(x, h)).tobytes()).hexdigest())
print(json.dumps({"digests": out, "served": served}))
""".replace("CALLS", repr(_CALLS))


def _env(tmp_path, **extra):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), **extra)
    env.pop("CONVKIT_FFTW_PLAN_MEMO_DIR", None)
    return env


def _python(tmp_path, code, timeout=300, **extra):
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_env(tmp_path, **extra), timeout=timeout, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _store_key(n, k):
    return _fft_fill._key(fast_fft_len(n + k - 1, True))


def test_the_fillers_store_gives_the_bits_of_no_memo(tmp_path):
    """The background filler (a real one, lengths up to SMALL_MAX) writes a store; a fresh
    process plans those lengths from it, with the bits of a process with no memo at all."""
    plain = _python(tmp_path, _DIGESTS, CONVKIT_FFTW_PLAN_MEMO="0")
    assert plain["served"] == []
    filled = _python(tmp_path, "import json\nfrom convkit._engines import _fft_fill as F, _spectral as S\n"
                     f"assert F.start({SMALL_MAX}) and F.wait(240)\n"
                     "records = F._read_all(F.store_path())\n"
                     f"print(json.dumps(sorted(records) == sorted(F.store_keys({SMALL_MAX}))))",
                     CONVKIT_FFTW_FILL="1")
    assert filled is True
    out = _python(tmp_path, _DIGESTS, CONVKIT_FFTW_FILL="0")
    assert out["digests"] == plain["digests"]
    # the lengths up to SMALL_MAX came from the store, the longer one did not
    assert sorted(set(out["served"])) == sorted({_store_key(n, k) for n, k, _ in _CALLS
                                                 if n + k - 1 <= SMALL_MAX})


@pytest.fixture
def store(tmp_path, monkeypatch):
    """This process with a plan memo in ``tmp_path``, no filler, and nothing planned yet."""
    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO_DIR", str(tmp_path / "memo"))
    monkeypatch.setenv("CONVKIT_FFTW_FILL", "0")
    monkeypatch.setattr(_fft_fill, "_state", {"store": None, "stamp": None, "complete": False, "proc": None,
                                              "started": False})
    _fft_plans._known.clear()
    _fft_plans.clear_plans()
    yield Path(_fft_fill.store_path())
    _forget_process_plans()


def _forget_process_plans():
    if _fft_fill._state["store"] is not None:
        _fft_fill._state["store"][0].close()
    _fft_plans._known.clear()
    _fft_plans.clear_plans()
    _fft_fill._state.update(store=None, stamp=None, complete=False)


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    stream = io.BytesIO(raw)
    head = pickle.load(stream)
    tail = raw[stream.tell():]
    if how == "garbage":
        path.write_bytes(b"not a pickle")
        return
    if how == "truncated header":
        path.write_bytes(raw[: stream.tell() // 2])
        return
    if how == "truncated records":
        path.write_bytes(raw[: stream.tell() + len(tail) // 2])
        return
    if how == "signature":
        head["signature"] = "0" * 16
    elif how == "format":
        head["format"] = "something else"
    elif how == "version":
        head["version"] += 1
    elif how == "index":
        head["index"] = {k: "everywhere" for k in head["index"]}
    elif how == "record":
        tail = pickle.dumps(("not bytes",))
        head["index"] = {k: (0, len(tail)) for k in head["index"]}
    path.write_bytes(pickle.dumps(head) + tail)


@pytest.mark.parametrize("how", ["garbage", "truncated header", "truncated records", "signature", "format",
                                 "version", "index", "record"])
def test_a_damaged_store_is_ignored(store, how):
    from convkit._engines import fft

    rng = np.random.default_rng(5)
    x, h = rng.standard_normal(4000), rng.standard_normal(1500)
    assert _fft_fill.fill([fast_fft_len(5499, True)]) == 1
    key = _store_key(4000, 1500)
    assert _fft_fill.lookup(key) is not None                 # the intact store serves it
    _forget_process_plans()
    want = fft.convolve(x, h, (0,), (5499,), (0,))
    _damage(store, how)
    _forget_process_plans()
    assert _fft_fill.lookup(key) is None
    _forget_process_plans()
    assert np.array_equal(fft.convolve(x, h, (0,), (5499,), (0,)), want)


def test_a_partial_store_serves_what_it_holds_and_filling_resumes(store, monkeypatch):
    started = []
    monkeypatch.setattr(_fft_fill.subprocess, "Popen", lambda args, **kw: started.append(args) or _FakeProcess(args))
    lengths = _spectral.real_lengths(SMALL_MAX)
    assert len(lengths) >= 3
    assert _fft_fill.fill(lengths[:2]) == 2
    head = pickle.loads(store.read_bytes())            # the header (the records follow it)
    assert head["complete"] is False and len(head["index"]) == 2
    _forget_process_plans()
    monkeypatch.setenv("CONVKIT_FFTW_FILL", "1")
    assert _fft_fill.lookup(_fft_fill._key(lengths[0])) is not None
    assert _fft_fill.lookup(_fft_fill._key(lengths[2])) is None
    assert len(started) == 1            # a partial store: the filler goes on with it
    assert _fft_fill.fill(lengths[:3]) == 1                  # only the missing length is planned
    assert len(_fft_fill._read_all(str(store))) == 3


def test_one_filler_at_a_time(store):
    import fcntl

    store.parent.mkdir(parents=True, exist_ok=True)
    with open(store.parent / _fft_fill._LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert _fft_fill.fill([_spectral.real_lengths(SMALL_MAX)[0]], block=False) == -1
    assert not store.exists()


class _FakeProcess:
    def __init__(self, args, **kwargs):
        self.args = args

    def poll(self):
        return 0


@pytest.mark.parametrize("switch,starts", [("1", True), ("0", False), (None, True)])
def test_the_switch_decides_whether_a_plan_miss_starts_the_filler(store, monkeypatch, switch, starts):
    from convkit._engines import fft

    started = []
    monkeypatch.setattr(_fft_fill.subprocess, "Popen", lambda args, **kw: started.append(args) or _FakeProcess(args))
    if switch is None:
        monkeypatch.delenv("CONVKIT_FFTW_FILL")
    else:
        monkeypatch.setenv("CONVKIT_FFTW_FILL", switch)
    x = np.random.default_rng(2).standard_normal(3000)
    fft.convolve(x, x[:900], (0,), (3899,), (0,))
    fft.convolve(x, x[:1100], (0,), (4099,), (0,))         # a second miss starts no second filler
    assert len(started) == (1 if starts else 0)
    if starts:
        assert "_fft_fill._main" in started[0][2] and started[0][3] == str(_fft_fill.FILL_MAX_LEN)


def test_no_filler_when_the_store_is_complete_or_the_memo_is_off(store, monkeypatch):
    from convkit import _warmup
    from convkit._engines import fft

    started = []
    monkeypatch.setattr(_fft_fill.subprocess, "Popen", lambda args, **kw: started.append(args) or _FakeProcess(args))
    monkeypatch.setenv("CONVKIT_FFTW_FILL", "1")
    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO", "0")
    _warmup.warmup(("float64",), ())
    x = np.random.default_rng(2).standard_normal(3000)
    fft.convolve(x, x[:900], (0,), (3899,), (0,))
    assert started == []
    monkeypatch.delenv("CONVKIT_FFTW_PLAN_MEMO")
    monkeypatch.setattr(_fft_fill, "FILL_MAX_LEN", SMALL_MAX)   # a full store is a small one here
    _fft_fill.fill()
    _forget_process_plans()
    _warmup.warmup(("float64",), ())
    fft.convolve(x, x[:1100], (0,), (4099,), (0,))
    assert started == [] and _fft_fill._state["complete"]
    _fft_fill._state.update(complete=False, stamp=None)
    store.unlink()
    _warmup.warmup(("float64",), ())                          # warm-up starts it too
    assert len(started) == 1


def test_malformed_switch():
    os.environ["CONVKIT_FFTW_FILL"] = "sometimes"
    try:
        with pytest.raises(ValueError, match="CONVKIT_FFTW_FILL='sometimes'"):
            _fft_fill.enabled()
    finally:
        os.environ["CONVKIT_FFTW_FILL"] = "0"


_FORK = r"""
import json, multiprocessing as mp
import numpy as np
import convkit
from convkit._engines import _fft_fill

def call(n):
    x = np.random.default_rng(n).standard_normal(n)
    return convkit.fftconvolve(x, x[: n // 7], workers=2).tobytes()

if __name__ == "__main__":
    convkit.fftconvolve(np.ones(5000), np.ones(900), workers=2)    # the plan miss starts the filler
    running = _fft_fill.running()
    sizes = [7000, 11000, 23000, 40000]
    with mp.get_context("fork").Pool(2) as pool:
        got = pool.map(call, sizes)
    same = got == [call(n) for n in sizes]
    proc = _fft_fill._state["proc"]
    if proc.poll() is None:
        proc.terminate()                     # the filler this script started
    proc.wait(60)
    print(json.dumps({"running": running, "same": same}))
"""


def test_a_forked_child_does_not_hang_while_the_filler_runs(tmp_path):
    (tmp_path / "fork_script.py").write_text(_FORK)
    proc = subprocess.run([sys.executable, str(tmp_path / "fork_script.py")], capture_output=True, text=True,
                          env=_env(tmp_path, CONVKIT_FFTW_FILL="1"), timeout=180, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out == {"running": True, "same": True}


def test_warmup_lengths_without_a_writable_cache_plan_in_the_process(store, monkeypatch):
    from convkit import _warmup

    def read_only(*args, **kwargs):
        raise PermissionError("read-only cache")
    monkeypatch.setattr(_fft_fill.os, "makedirs", read_only)
    _warmup.warmup(("float64",), (), fft_lengths=3000)
    assert not store.exists()
    assert all(k in _fft_plans._known for k in _fft_fill.store_keys(3000))


# ---------------------------------------------------------------------------------------------
# rows along one axis run the 1-D plans (_engines/_fft_rows.py): the store serves any row count
# ---------------------------------------------------------------------------------------------

# (a shape, b shape, axis, mode): rows of a transform length at least FFT_ROWS_MIN_LEN
_ROW_CALLS = [((6, 3000), (1, 500), -1, "full"), ((16, 4096), (1, 129), -1, "same"), ((2500, 3), (40, 1), 0, "same"), ((2, 3, 2200), (2, 1, 99), -1, "valid"),
              ((1, 2100), (4, 300), -1, "full")]


def _row_operands(a_shape, b_shape, dtype):
    rng = np.random.default_rng(hash((a_shape, b_shape)) % 2**32)
    a, b = rng.standard_normal(a_shape), rng.standard_normal(b_shape)
    if np.dtype(dtype).kind == "c":
        a, b = a + 1j * rng.standard_normal(a_shape), b - 1j * rng.standard_normal(b_shape)
    return a.astype(dtype), b.astype(dtype)


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize("a_shape, b_shape, axis, mode", _ROW_CALLS)
def test_each_row_has_the_bits_of_its_own_1d_call(a_shape, b_shape, axis, mode, dtype):
    """A row of a batched call is bitwise the 1-D call of that row (the same plans), with one
    thread or two, and with the kernel's spectrum prepared beforehand."""
    import convkit
    from convkit._engines import Geometry, fft

    a, b = _row_operands(a_shape, b_shape, dtype)
    out = convkit.fftconvolve(a, b, mode, axes=axis)
    ax = axis % a.ndim
    rows = np.moveaxis(out, ax, -1)
    batch = rows.shape[:-1]
    a_rows = np.broadcast_to(np.moveaxis(a, ax, -1), batch + (a.shape[ax],))
    b_rows = np.broadcast_to(np.moveaxis(b, ax, -1), batch + (b.shape[ax],))
    for idx in np.ndindex(*batch):
        one = convkit.fftconvolve(np.ascontiguousarray(a_rows[idx]), np.ascontiguousarray(b_rows[idx]), mode)
        assert np.ascontiguousarray(rows[idx]).tobytes() == one.tobytes()
    start = tuple((o - s) // 2 if (mode == "same" and i == ax) else (b.shape[i] - 1 if mode == "valid" and i == ax
                                                                        else 0)
                  for i, (o, s) in enumerate(zip(np.add(a.shape, b.shape) - 1, out.shape)))
    g = Geometry(a.shape, b.shape, (ax,), out.shape, start, np.dtype(dtype), 1)
    assert fft.ENGINE.convolve(a, b, g).tobytes() == out.tobytes()
    assert fft.ENGINE.convolve(a, b, g, workers=2).tobytes() == out.tobytes()
    assert fft.ENGINE.convolve(a, fft.ENGINE.prepare(b, g), g).tobytes() == out.tobytes()


def test_rows_are_served_by_the_store_whatever_their_count(store):
    """The 1-D record of the rows' length serves batched calls of any row count: no other
    plan key is planned; below FFT_ROWS_MIN_LEN the rows keep one batched plan."""
    import convkit
    from convkit import _tuning

    L = fast_fft_len(3000 + 500 - 1, True)
    assert L >= _tuning.FFT_ROWS_MIN_LEN
    assert _fft_fill.fill([L]) == 1
    _forget_process_plans()
    served = []
    for rows in (3, 17):
        a, b = _row_operands((rows, 3000), (1, 500), "float64")
        convkit.fftconvolve(a, b, axes=-1)
        served.append(sorted(_fft_plans._known))
    assert served == [[_fft_fill._key(L)]] * 2
    a, b = _row_operands((5, 1500), (1, 40), "float64")     # 1539 points: under the bound
    assert fast_fft_len(1539, True) < _tuning.FFT_ROWS_MIN_LEN
    convkit.fftconvolve(a, b, axes=-1)
    assert len(_fft_plans._known) == 2 and _fft_fill._key(fast_fft_len(1539, True)) not in _fft_plans._known
