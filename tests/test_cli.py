"""The command line: a user's mistake is one line on stderr and exit status 2, never a traceback;
a closed pipe ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import convkit
from convkit.__main__ import main

ROOT = Path(convkit.__file__).resolve().parent.parent


def _cli(*args, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "convkit", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, **kwargs)


MISTAKES = [
    (["explain", "--shape1", "100", "--shape2", "5", "--dtype", "f32"], "--dtype: 'f32' is not a numpy dtype; "
                                                                         "did you mean --dtype float32?"),
    (["explain", "--shape1", "100", "--shape2", "5", "--dtype", "banana"], "is not a numpy dtype (try float32"),
    (["explain", "--shape1", "100", "--shape2", "5", "--workers", "0"], "--workers: workers must not be zero"),
    (["explain", "--shape1", "100", "--shape2", "5", "--axes", "3"], "axes exceeds dimensionality of input"),
    (["explain", "--shape1", "10", "20", "--shape2", "5"], "volume and kernel should have the same dimensionality"),
    (["explain", "--shape1", "4", "9", "--shape2", "5", "3", "--mode", "valid"],
     "For 'valid' mode, one must be at least as large"),
    (["explain", "--shape1", "100", "--shape2", "-5"], "lengths must not be negative"),
    (["bench", "--workers", "0"], "--workers: workers must not be zero"),
]


@pytest.mark.parametrize("argv,fragment", MISTAKES, ids=[" ".join(m[0][-2:]) for m in MISTAKES])
def test_user_mistakes_are_one_line_with_status_2(argv, fragment, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert fragment in err, err
    assert err.startswith(f"python -m convkit {argv[0]}: error: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_argparse_mistakes_also_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["explain", "--shape1", "x", "--shape2", "5"])
    assert exc.value.code == 2
    assert "invalid int value: 'x'" in capsys.readouterr().err


def test_explain_in_a_real_process_prints_no_traceback():
    proc = _cli("explain", "--shape1", "100", "--shape2", "5", "--dtype", "f32")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == ("python -m convkit explain: error: --dtype: 'f32' is not a numpy dtype; "
                                   "did you mean --dtype float32?")


def test_explain_works(capsys):
    assert main(["explain", "--shape1", "1000", "--shape2", "31", "--dtype", "float32", "--mode", "same"]) == 0
    out = capsys.readouterr().out
    assert "method: " in out and "float32" in out


def test_closed_pipe_exits_quietly():
    """`python -m convkit explain ... | head -1`: the reader is gone before convkit writes."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "convkit", "explain", "--shape1", "1000", "--shape2", "31"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # closed before the process writes anything
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0
    assert err == "", err


def test_shell_pipe_into_head():
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(f"{sys.executable} -m convkit explain --shape1 1000 --shape2 31 | head -1", shell=True,
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.stdout.startswith("shapes (1000,) * (31,)")
    assert proc.stderr == ""
