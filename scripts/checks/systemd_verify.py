"""systemd-analyze verify on every unit under systemd/ (skipped with a message when the tool is
absent). ExecStart binaries live on the AMI, not here, so missing-executable notices about the
unit's own commands are reported separately from real unit errors."""
from __future__ import annotations

import shutil
from pathlib import Path

from common import CheckFailed, main_of, rel, run

MISSING_EXEC = ("is not executable", "No such file or directory")


def check(root: Path) -> str:
    units = sorted((root / "systemd").glob("*.service")) if (root / "systemd").is_dir() else []
    if not units:
        raise CheckFailed(f"  no units under {root / 'systemd'}")
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return f"SKIPPED: systemd-analyze is not installed ({len(units)} units not verified)"
    problems = []
    for unit in units:
        proc = run([analyze, "verify", "--man=no", str(unit)])
        for line in (proc.stdout + proc.stderr).splitlines():
            if unit.name not in line and str(unit) not in line:
                continue  # notices about the host's own units are not ours to fix
            if any(m in line for m in MISSING_EXEC) and "Command " in line:
                continue
            problems.append(f"  {rel(unit)}: {line.strip()}")
        if proc.returncode != 0 and not problems:
            problems.append(f"  {rel(unit)}: systemd-analyze exited {proc.returncode}: {proc.stderr.strip()[:300]}")
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{len(units)} units verify"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
