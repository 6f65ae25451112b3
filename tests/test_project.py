"""Project hygiene: README's commands, CI's command and import-time promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.*?)\n```", text, flags=re.S)


def test_readme_opens_with_bench_and_test_commands():
    commands = _readme_commands()
    assert commands[0].strip() == 'python -m pip install -e ".[bench]" && python -m convkit bench --quick'
    assert commands[1].strip() == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _readme_commands()[1].strip() in ci.splitlines()


def test_import_compiles_nothing_and_loads_no_engine():
    code = (
        "import sys, convkit\n"
        "heavy = [m for m in ('numba', 'pyfftw', 'scipy.signal', 'convkit.engines.direct', 'convkit.engines.fft')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""
