"""Issue 10: the floor of each parsing dependency in pyproject.toml is a version the code works with.

The floors are installed beside the project's environment (pip --target, put first on the path)
and the per-file work runs on the bundled reports in a subprocess; it must give what the current
versions give. Slow (it downloads the wheels), and skipped where PyPI cannot be reached.

Covered: the libraries that read files (pdfplumber with the pdfminer.six it pins, pypdfium2),
the number reader's cn2an and the models' pydantic. Not covered: pyarrow and pandas (their floors
predate NumPy 2, so they need an environment of their own) and the OCR stack (its floor is checked
by hand: see the closing note of issue 10).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# what each floor needs beside it, at the version it was released with (pdfplumber pins pdfminer.six
# exactly; pydantic pins pydantic-core exactly)
COMPANIONS = {
    "pdfplumber": {"0.11.8": ["pdfminer.six==20251107"]},
    "pydantic": {"2.6.0": ["pydantic-core==2.16.1"]},
}
CHECKED = ("pdfplumber", "pypdfium2", "pydantic", "cn2an")

PROBE = """
import json, sys
from pathlib import Path
from importlib.metadata import version
from pipeline.work import process_bytes
out = {}
for name in sys.argv[1:]:
    p = Path(name)
    r = process_bytes(p.read_bytes(), p.name)
    out[p.name] = [r.document.status, len(r.table_cells), len(r.budget_lines), len(r.score_items), len(r.facts),
                   len(r.findings)]
    r.model_dump_json()
import pdfplumber, pypdfium2, pydantic
out["versions"] = [pdfplumber.__version__, version("pypdfium2"), pydantic.VERSION, version("cn2an")]
print(json.dumps(out))
"""


def floors() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    out = {}
    for dep in deps:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?>=([0-9][0-9A-Za-z.]*)", dep)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def probe(extra_path: str | None) -> dict:
    env = {"PYTHONPATH": extra_path} if extra_path else {}
    files = [str(ROOT / "data" / "raw" / n) for n in ("gxj2024.pdf", "gxj_goal2026.pdf", "sjj2024.txt")]
    done = subprocess.run([sys.executable, "-c", PROBE, *files], cwd=ROOT, capture_output=True, text=True,
                          env={**__import__("os").environ, **env}, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_declared_floors_work(tmp_path):
    declared = floors()
    wanted = []
    for name in CHECKED:
        version = declared[name]
        wanted.append(f"{name}=={version}")
        wanted += COMPANIONS.get(name, {}).get(version, [])
    target = tmp_path / "floors"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                          *wanted], capture_output=True, text=True, timeout=600)
    if pip.returncode != 0 and re.search(r"(?i)network|connection|resolve|No matching distribution", pip.stderr):
        pytest.skip(f"cannot download the floor versions: {pip.stderr.strip().splitlines()[-1]}")
    assert pip.returncode == 0, pip.stderr
    at_floor = probe(str(target))
    assert at_floor.pop("versions") == [declared["pdfplumber"], declared["pypdfium2"], declared["pydantic"],
                                        declared["cn2an"]]
    current = probe(None)
    current.pop("versions")
    assert at_floor == current
    assert all(v[0] == "ok" and v[1] > 0 for v in at_floor.values())
