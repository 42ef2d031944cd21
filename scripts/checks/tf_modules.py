"""Every module call resolves: local sources exist, arguments are variables of the module, and
required variables are given. Every *.tfvars sets only variables its folder declares, and every
required one."""
from __future__ import annotations

from pathlib import Path

from common import CheckFailed, blocks, keys, load_hcl, main_of, rel, unq, walk

META_ARGS = {"source", "version", "providers", "count", "for_each", "depends_on"}


def module_variables(folder: Path) -> dict[str, bool]:
    """Variables of a Terraform folder: name -> required (no default)."""
    out: dict[str, bool] = {}
    for f in sorted(folder.glob("*.tf")):
        for name, body in blocks(load_hcl(f), "variable"):
            out[name] = "default" not in body
    return out


def check_calls(folder: Path, problems: list[str]) -> int:
    calls = 0
    for f in sorted(folder.glob("*.tf")):
        for name, body in blocks(load_hcl(f), "module"):
            calls += 1
            where = f"{rel(f)}: module \"{name}\""
            source = unq(body.get("source", ""))
            if not isinstance(source, str) or not source:
                problems.append(f"  {where}: no source")
                continue
            if not source.startswith(("./", "../")):
                continue  # registry or git sources are resolved by terraform init, not here
            target = (folder / source).resolve()
            if not target.is_dir() or not list(target.glob("*.tf")):
                problems.append(f"  {where}: source {source} is not a folder with .tf files")
                continue
            variables = module_variables(target)
            given = keys(body) - META_ARGS
            for k in sorted(given - variables.keys()):
                problems.append(f"  {where}: argument {k} is not a variable of {source}")
            for k in sorted(v for v, req in variables.items() if req and v not in given):
                problems.append(f"  {where}: required variable {k} of {source} is not given")
    return calls


def check_tfvars(folder: Path, problems: list[str]) -> int:
    files = sorted(folder.glob("*.tfvars")) + sorted(folder.glob("env/*.tfvars"))
    if not files:
        return 0
    variables = module_variables(folder)
    for f in files:
        values = keys(load_hcl(f))
        for k in sorted(values - variables.keys()):
            problems.append(f"  {rel(f)}: {k} is not a variable of {rel(folder)}")
        for k in sorted(v for v, req in variables.items() if req and v not in values):
            problems.append(f"  {rel(f)}: required variable {k} is not set")
    return len(files)


def check(root: Path) -> str:
    folders = sorted({f.parent for f in walk(root, (".tf",))})
    if not folders:
        raise CheckFailed(f"no Terraform folders under {root}")
    problems: list[str] = []
    calls = tfvars = 0
    for folder in folders:
        calls += check_calls(folder, problems)
        tfvars += check_tfvars(folder, problems)
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{calls} module calls and {tfvars} tfvars files resolve in {len(folders)} folders"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
