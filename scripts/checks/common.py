"""Shared helpers of the infrastructure checks: repository paths, tool locations, HCL loading."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = Path(os.environ.get("HANGAR_TOOLS_DIR", "/opt/hangar-tools"))
SKIP_DIRS = {".git", "target", "node_modules", ".terraform", ".peers", "__pycache__", ".idea"}


class CheckFailed(Exception):
    """A check found problems; the message lists them, one per line."""


def tool(name: str, venv: str | None = None) -> str | None:
    """Path of a tool: the tools venv or bin dir first (pinned versions), then PATH."""
    candidates = []
    if venv:
        candidates.append(TOOLS / venv / "bin" / name)
    candidates.append(TOOLS / "bin" / name)
    candidates.append(TOOLS / "checks" / "bin" / name)
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c)
    return shutil.which(name)


def walk(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under root whose name ends with one of suffixes, skipping build and VCS folders."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for f in sorted(filenames):
            if f.endswith(suffixes):
                out.append(Path(dirpath) / f)
    return out


def unq(value):
    """python-hcl2 keeps the quotes of string literals and block labels; drop them."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return value


def load_hcl(path: Path) -> dict:
    """Parses one HCL2 file with python-hcl2 (raises on a syntax error)."""
    import hcl2  # the checks venv provides it

    with open(path, encoding="utf-8") as f:
        return hcl2.load(f)


def blocks(doc: dict, kind: str) -> list[tuple[str, dict]]:
    """Labelled blocks of one kind (module, variable, ...) as (label, body) pairs."""
    out = []
    for entry in doc.get(kind, []):
        for label, body in entry.items():
            if label.startswith("__"):  # parser bookkeeping (__is_block__, __comments__)
                continue
            out.append((unq(label), body))
    return out


def keys(body: dict) -> set[str]:
    """Attribute and block names of a body, without the parser's bookkeeping keys."""
    return {k for k in body if not k.startswith("__")}


def rel(path: Path | str) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def run(cmd: list[str], cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def main_of(check, argv: list[str] | None = None) -> int:
    """Runs check(root) for a CLI: prints problems, returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]).resolve() if argv else REPO
    name = Path(sys.modules[check.__module__].__file__).stem
    try:
        summary = check(root)
    except CheckFailed as e:
        print(f"FAIL {name}:\n{e}")
        return 1
    print(f"ok   {name}: {summary}")
    return 0
