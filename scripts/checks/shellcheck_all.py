"""shellcheck on every shell script of the repository: *.sh, *.bash, files with a sh/bash
shebang, and the Terraform user-data templates (*.sh.tftpl, with placeholders filled in)."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from common import CheckFailed, REPO, SKIP_DIRS, main_of, rel, run, tool

SHEBANG = re.compile(r"^#!\s*(/usr/bin/env\s+)?(/bin/|/usr/bin/)?(ba)?sh\b")
TEMPLATE_VAR = re.compile(r"\$\{([a-z_][a-z0-9_]*)\}")


def shell_scripts(root: Path) -> list[Path]:
    out = []
    for p in sorted(root.rglob("*")):
        if not p.is_file() or any(part in SKIP_DIRS for part in p.relative_to(root).parts):
            continue
        if p.name.endswith((".sh", ".bash", ".sh.tftpl")):
            out.append(p)
            continue
        if p.suffix in ("", ".in") and p.stat().st_size < 1_000_000:
            try:
                with open(p, encoding="utf-8") as f:
                    first = f.readline()
            except (UnicodeDecodeError, OSError):
                continue
            if SHEBANG.match(first):
                out.append(p)
    return out


def check(root: Path) -> str:
    shellcheck = tool("shellcheck", venv="checks")
    if shellcheck is None:
        raise CheckFailed("  shellcheck is not installed: run test-peers/install.sh")
    scripts = shell_scripts(root)
    if not scripts:
        raise CheckFailed(f"  no shell scripts under {root}")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for script in scripts:
            target = script
            if script.name.endswith(".tftpl"):
                # Terraform fills ${name} before the shell sees it; check the shell around it.
                target = Path(tmp) / script.name.removesuffix(".tftpl")
                target.write_text(TEMPLATE_VAR.sub(r"TEMPLATE_\1", script.read_text(encoding="utf-8")),
                                  encoding="utf-8")
            proc = run([shellcheck, "--severity=style", "--format=gcc", "--external-sources", str(target)],
                       cwd=script.parent)
            if proc.returncode != 0:
                for line in (proc.stdout + proc.stderr).strip().splitlines():
                    problems.append("  " + line.replace(str(target), rel(script)))
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{len(scripts)} shell scripts pass shellcheck"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
