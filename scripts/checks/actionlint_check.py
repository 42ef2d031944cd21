"""actionlint over .github/workflows (validates syntax, expressions, and embedded shell with
shellcheck when it is on PATH)."""
from __future__ import annotations

import os
from pathlib import Path

from common import CheckFailed, main_of, rel, run, tool


def check(root: Path) -> str:
    workflows = sorted((root / ".github" / "workflows").glob("*.y*ml"))
    if not workflows:
        raise CheckFailed(f"  no workflows under {root / '.github/workflows'}")
    actionlint = tool("actionlint")
    if actionlint is None:
        raise CheckFailed("  actionlint is not installed: run test-peers/install.sh")
    shellcheck = tool("shellcheck", venv="checks")
    cmd = [actionlint, "-no-color", "-oneline"]
    if shellcheck:
        cmd += ["-shellcheck", shellcheck]
    proc = run(cmd + [str(w) for w in workflows], cwd=root)
    if proc.returncode != 0:
        lines = (proc.stdout + proc.stderr).strip().splitlines()
        raise CheckFailed("\n".join("  " + l.replace(str(root) + os.sep, "") for l in lines))
    return f"{len(workflows)} workflows pass actionlint"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
