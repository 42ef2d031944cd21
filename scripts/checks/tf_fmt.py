"""Canonical formatting of Terraform and Packer files, when a `terraform` binary happens to be
installed (it is not required: without it the check says so and passes)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from common import CheckFailed, main_of, rel, walk


def check(root: Path) -> str:
    terraform = shutil.which("terraform")
    if terraform is None:
        return "SKIPPED: terraform is not installed (formatting not checked; parsing is)"
    files = walk(root, (".tf", ".tfvars", ".pkr.hcl"))
    bad = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        proc = subprocess.run([terraform, "fmt", "-no-color", "-"], input=text, capture_output=True,
                              text=True, timeout=60)
        if proc.returncode != 0 or proc.stdout != text:
            bad.append(f"  {rel(f)}: not canonically formatted (terraform fmt -)")
    if bad:
        raise CheckFailed("\n".join(bad))
    return f"{len(files)} files formatted canonically"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
