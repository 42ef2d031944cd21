"""Every Terraform and Packer file parses with a real HCL2 parser (python-hcl2)."""
from __future__ import annotations

from pathlib import Path

from common import CheckFailed, load_hcl, main_of, rel, walk

SUFFIXES = (".tf", ".pkr.hcl", ".tfvars", ".tfbackend", ".pkrvars.hcl")


def check(root: Path) -> str:
    files = walk(root, SUFFIXES)
    if not files:
        raise CheckFailed(f"no .tf or .pkr.hcl files under {root}")
    errors = []
    for f in files:
        try:
            load_hcl(f)
        except Exception as e:  # the parser raises several exception types for syntax errors
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            errors.append(f"  {rel(f)}: {first}")
    if errors:
        raise CheckFailed("\n".join(errors))
    return f"{len(files)} HCL files parse"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
