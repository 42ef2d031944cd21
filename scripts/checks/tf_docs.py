"""Each Terraform module has a README whose inputs/outputs tables match its variables and
outputs. `python tf_docs.py --write` regenerates the tables between the markers."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from common import CheckFailed, REPO, blocks, load_hcl, rel, unq

BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"


def expr(value) -> str:
    if isinstance(value, str):
        v = unq(value)
        if v.startswith("${") and v.endswith("}"):
            v = v[2:-1]
        return v
    if isinstance(value, (dict, list)):
        def clean(x):
            if isinstance(x, dict):
                return {unq(k): clean(v) for k, v in x.items() if not k.startswith("__")}
            if isinstance(x, list):
                return [clean(i) for i in x]
            return unq(x) if isinstance(x, str) else x
        return json.dumps(clean(value), separators=(",", ":"))
    return json.dumps(value)


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def tables(module: Path) -> str:
    variables, outputs = [], []
    for f in sorted(module.glob("*.tf")):
        doc = load_hcl(f)
        variables += blocks(doc, "variable")
        outputs += blocks(doc, "output")
    lines = ["## Inputs", "", "| Name | Description | Type | Default | Required |", "|---|---|---|---|:---:|"]
    for name, body in sorted(variables):
        required = "default" not in body
        default = "n/a" if required else f"`{cell(expr(body['default']))}`"
        lines.append(f"| `{name}` | {cell(unq(body.get('description', '')))} | `{cell(expr(body.get('type', 'any')))}` "
                     f"| {default} | {'yes' if required else 'no'} |")
    lines += ["", "## Outputs", "", "| Name | Description |", "|---|---|"]
    for name, body in sorted(outputs):
        lines.append(f"| `{name}` | {cell(unq(body.get('description', '')))} |")
    return "\n".join(lines)


def modules(root: Path) -> list[Path]:
    base = root / "terraform" / "modules"
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def rendered(readme: Path, module: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{tables(module)}\n{END}{tail}"


def check(root: Path) -> str:
    problems = []
    mods = modules(root)
    if not mods:
        raise CheckFailed(f"  no modules under {root / 'terraform/modules'}")
    for module in mods:
        for needed in ("versions.tf", "variables.tf", "outputs.tf", "README.md"):
            if not (module / needed).is_file():
                problems.append(f"  {rel(module)}: {needed} is missing")
        readme = module / "README.md"
        if not readme.is_file():
            continue
        text = readme.read_text(encoding="utf-8")
        if BEGIN not in text or END not in text:
            problems.append(f"  {rel(readme)}: no {BEGIN} ... {END} section")
        elif rendered(readme, module) != text:
            problems.append(f"  {rel(readme)}: inputs/outputs tables are out of date "
                            f"(python3 scripts/checks/tf_docs.py --write)")
        for name, body in [b for f in module.glob("*.tf") for b in blocks(load_hcl(f), "variable")]:
            if not unq(body.get("description", "")) or "type" not in body:
                problems.append(f"  {rel(module)}: variable {name} needs a type and a description")
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{len(mods)} module READMEs document every input and output"


def write(root: Path) -> None:
    for module in modules(root):
        readme = module / "README.md"
        if not readme.exists():
            readme.write_text(f"# {module.name}\n\n{BEGIN}\n{END}\n", encoding="utf-8")
        readme.write_text(rendered(readme, module), encoding="utf-8")
        print(f"wrote {rel(readme)}")


if __name__ == "__main__":
    from common import main_of

    if "--write" in sys.argv:
        write(REPO)
        raise SystemExit(0)
    raise SystemExit(main_of(check))
