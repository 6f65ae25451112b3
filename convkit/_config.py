"""Every environment variable convkit reads, parsed strictly in one place.

Each variable is declared once in :data:`SETTINGS` with its type, default and
meaning (README's "Environment variables" table lists the same). Values are
read when first needed, never at import, so a malformed value cannot break
``import convkit``; it raises a ``ValueError`` that names the variable, the
value and what is accepted.

It also holds the fixed policies no variable changes (:data:`DIRECT_FASTMATH`):
choices of contract, not measurements, so they live apart from the measured
constants of :mod:`convkit._tuning`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Setting", "SETTINGS", "get", "cache_dir", "DIRECT_FASTMATH"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def parse_bool(text: str) -> bool:
    """'1/true/yes/on' or '0/false/no/off', case-insensitive."""
    v = text.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ValueError("expected one of 1, true, yes, on, 0, false, no, off")


def parse_int(lo: int | None = None, hi: int | None = None) -> Callable[[str], int]:
    """An integer parser accepting ``lo <= value <= hi``."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError("expected an integer") from None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ValueError(f"expected an integer in [{lo if lo is not None else '-inf'}, "
                             f"{hi if hi is not None else 'inf'}]")
        return value
    return parse


def parse_float(lo: float | None = None) -> Callable[[str], float]:
    """A finite float parser accepting ``value >= lo``."""
    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise ValueError("expected a number") from None
        if value != value or value in (float("inf"), float("-inf")) or (lo is not None and value < lo):
            raise ValueError(f"expected a finite number >= {lo}" if lo is not None else "expected a finite number")
        return value
    return parse


def parse_choice(*choices: str) -> Callable[[str], str]:
    """One of ``choices``, case-insensitive."""
    def parse(text: str) -> str:
        v = text.strip().lower()
        if v not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return v
    return parse


def parse_path(text: str) -> Path:
    """A non-empty file-system path (``~`` expanded)."""
    if not text.strip():
        raise ValueError("expected a path")
    return Path(text).expanduser()


@dataclass(frozen=True)
class Setting:
    """One environment variable: its parser, default (used when unset or empty) and meaning."""

    name: str
    parse: Callable[[str], Any]
    default: Any
    doc: str


SETTINGS: dict[str, Setting] = {}

# --- fixed policies (no variable sets them) --------------------------------
#: Floating-point contraction policy of every compiled direct kernel (Numba ``fastmath``
#: flags), part of the determinism contract (results bitwise reproducible run to run, the
#: summation order the one the code writes): ``contract`` lets LLVM fuse a*b+c into one FMA,
#: which is what makes the unrolled tap loops run at the FMA rate; ``reassoc`` and full
#: fastmath are never used, so LLVM may not reorder a sum (nor assume values finite).
DIRECT_FASTMATH = frozenset({"contract"})


def declare(name: str, parse: Callable[[str], Any], default: Any, doc: str) -> Setting:
    """Register a variable (called once per variable, below)."""
    s = Setting(name, parse, default, doc)
    SETTINGS[name] = s
    return s


# encoded names of the variables read so far (os.environ's own keys are encoded)
_ENCODED: dict = {}


def raw(name: str) -> str | None:
    """``os.environ.get(name)``, without the KeyError that lookup raises and catches inside when
    ``name`` is unset (0.8 us, on calls that read a setting every time; a read here costs 0.1 us).
    CPython's ``os.environ`` keeps its encoded mapping in ``_data``, updated by every write
    through ``os.environ``; anything else is asked the public way."""
    env = os.environ
    data = getattr(env, "_data", None)
    if type(data) is not dict:
        return env.get(name)
    key = _ENCODED.get(name)
    if key is None:
        key = _ENCODED[name] = env.encodekey(name)
    value = data.get(key)
    return None if value is None else env.decodevalue(value)


def get(name: str) -> Any:
    """The parsed value of variable ``name`` now (its default when unset or empty).

    Raises
    ------
    ValueError
        Naming the variable, its value and what it accepts, when malformed.
    """
    s = SETTINGS[name]
    raw_value = raw(name)
    if raw_value is None or not raw_value.strip():
        return s.default
    try:
        return s.parse(raw_value)
    except ValueError as exc:
        raise ValueError(f"environment variable {name}={raw_value!r} is invalid: {exc} ({s.doc})") from None


def cache_dir() -> Path:
    """convkit's cache folder: ``$XDG_CACHE_HOME/convkit``, else ``~/.cache/convkit``."""
    base = get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "convkit"


# --- general ---------------------------------------------------------------
declare("XDG_CACHE_HOME", parse_path, None,
        "folder under which convkit keeps its cache (convkit/profile.json, FFTW wisdom); default ~/.cache")
declare("CONVKIT_PROFILE", parse_path, None,
        "file holding this machine's dispatcher profile; default $XDG_CACHE_HOME/convkit/profile.json")

# --- FFT engines (declared by the spectral engines' owner) -----------------
declare("CONVKIT_FFTW_PLANNER", parse_choice("estimate", "measure"), "estimate",
        "FFTW planning policy: 'estimate' (every plan FFTW_ESTIMATE, no wisdom read or written: "
        "the same inputs give the same bits in every call and process) or 'measure' (use FFTW_MEASURE "
        "plans made by fft.warmup(..., measure=True) or found in the wisdom file; results may differ "
        "in the last bits between runs)")
declare("CONVKIT_FFTW_WISDOM", parse_bool, True,
        "with CONVKIT_FFTW_PLANNER=measure or fft.warmup(measure=True): load and save FFTW wisdom "
        "in the wisdom file")
declare("CONVKIT_FFTW_WISDOM_FILE", parse_path, None,
        "FFTW wisdom file; default $XDG_CACHE_HOME/convkit/fftw_wisdom.pickle")
declare("CONVKIT_FFTW_PLAN_MEMO", parse_bool, True,
        "keep FFTW_ESTIMATE plans between processes (one small file of ESTIMATE-only wisdom per "
        "plan, read when the same plan is needed again: a transform planned once on this machine "
        "is never searched for again; results are the same bits as without it)")
declare("CONVKIT_FFTW_PLAN_MEMO_DIR", parse_path, None,
        "folder of the ESTIMATE plan memo; default $XDG_CACHE_HOME/convkit/fftw_plans")
declare("CONVKIT_FFTW_FILL", parse_bool, True,
        "with the plan memo on: at the first FFTW plan of a process, when this machine's filled plan "
        "store is missing or incomplete, a low-priority background process plans the 1-D real "
        "convolution at every FFTW length up to 2**18 once and stores the plans (same bits as "
        "without it); 0 starts no such process")
declare("CONVKIT_FFT_CACHE_MB", parse_float(0.0), 384.0,
        "MiB of idle FFTW plans and their buffers kept for reuse (per process)")
declare("CONVKIT_FFT_SINGLE", parse_choice("double", "native"), "double",
        "how the FFT engines transform float32/complex64 data: 'double' (error never above scipy's: "
        "1-D in double precision, rounded once at the end; over 2+ axes scipy.fftconvolve's own "
        "single-precision arithmetic) or 'native' (single-precision FFTW: faster, error comparable "
        "to scipy's)")
declare("CONVKIT_FFTW_THREADS", parse_bool, False,
        "let FFTW thread one large transform itself (OpenMP; measured slower on busy cores); "
        "plans then depend on workers, so results may differ in the last bits between thread counts")

# --- direct engine and compilation -----------------------------------------
declare("CONVKIT_COMPILE", parse_choice("background", "foreground", "wait"), "background",
        "background (default): a call whose direct kernels are not compiled yet runs on the direct "
        "engine's plain loop (the same bits, slower) while a separate process compiles them; "
        "foreground or wait: the call waits for them to compile (seconds, once per environment)")
