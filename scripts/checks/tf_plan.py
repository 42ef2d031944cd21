"""`terraform validate` and `terraform plan` of every example with each of its tfvars files, when
this machine happens to have `terraform` and a provider mirror (HANGAR_TF_PLUGIN_DIR, default
/opt/tf-plugins). Neither is required: without them the check says so and passes.

No cloud is touched: the examples are copied to a temporary folder, the S3 backend is replaced
by a local one, and the AWS provider is pointed at a moto server on a free local port with
dummy credentials (plan only reads the caller identity; nothing is created)."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import CheckFailed, blocks, load_hcl, main_of, rel, unq

PLAN_LINE = re.compile(r"^(Plan: .*|No changes\..*)$", re.M)


def plugin_dir() -> Path | None:
    d = Path(os.environ.get("HANGAR_TF_PLUGIN_DIR", "/opt/tf-plugins"))
    return d if (d / "registry.terraform.io" / "hashicorp" / "aws").is_dir() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """A moto server for the duration of the check (only STS is asked, for the account id)."""

    def __init__(self):
        self.proc = None
        self.url = None

    def __enter__(self):
        exe = shutil.which("moto_server")
        if exe is None:
            return self
        port = free_port()
        self.proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
                self.url = url
                break
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)  # polling a starting server, not synchronising test threads
        return self

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def override(folder: Path, moto_url: str | None) -> str:
    """Local backend, and every aws provider configuration aimed at moto."""
    aliases = set()
    for f in folder.glob("*.tf"):
        for name, body in blocks(load_hcl(f), "provider"):
            if name == "aws":
                aliases.add(unq(body.get("alias")) if body.get("alias") else None)
    text = 'terraform {\n  backend "local" {}\n}\n'
    for alias in sorted(aliases, key=lambda a: a or ""):
        text += 'provider "aws" {\n'
        if alias:
            text += f'  alias = "{alias}"\n'
        text += ('  access_key = "test"\n  secret_key = "test"\n  skip_credentials_validation = true\n'
                 '  skip_requesting_account_id = true\n  skip_metadata_api_check = true\n')
        if moto_url:
            text += f'  endpoints {{\n    sts = "{moto_url}"\n  }}\n'
        text += "}\n"
    return text


def tf(terraform: str, args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1", TF_INPUT="0")
    return subprocess.run([terraform, *args, "-no-color"], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def error_lines(proc: subprocess.CompletedProcess) -> str:
    lines = [l for l in (proc.stderr + proc.stdout).splitlines()
             if l.strip() and "CLI configuration" not in l and ".terraformrc" not in l and l.strip() not in "│╷╵"]
    return "\n".join("    " + l for l in lines[-15:])


def examples(root: Path) -> list[Path]:
    base = root / "terraform" / "examples"
    return sorted(p for p in base.iterdir() if p.is_dir() and list(p.glob("*.tf"))) if base.is_dir() else []


def check(root: Path) -> str:
    terraform = shutil.which("terraform")
    plugins = plugin_dir()
    if terraform is None or plugins is None:
        return "SKIPPED: terraform or its provider mirror is not installed (HCL is parsed and modules resolved instead)"
    folders = examples(root)
    if not folders:
        raise CheckFailed(f"  no examples under {root / 'terraform/examples'}")
    problems, plans, jobs = [], [], []
    with tempfile.TemporaryDirectory() as tmp, Moto() as moto:
        copy = Path(tmp) / "terraform"
        shutil.copytree(root / "terraform", copy, ignore=shutil.ignore_patterns(".terraform", "*.tfstate*"))
        for original in folders:
            work = copy / original.relative_to(root / "terraform")
            (work / "zz_hangar_check_override.tf").write_text(override(work, moto.url), encoding="utf-8")
            proc = tf(terraform, ["init", "-input=false", f"-plugin-dir={plugins}"], work)
            if proc.returncode != 0:
                problems.append(f"  {rel(original)}: terraform init failed\n{error_lines(proc)}")
                continue
            proc = tf(terraform, ["validate"], work)
            if proc.returncode != 0:
                problems.append(f"  {rel(original)}: terraform validate failed\n{error_lines(proc)}")
                continue
            if moto.url is None:
                continue
            for varfile in sorted(work.glob("*.tfvars")) + sorted(work.glob("env/*.tfvars")):
                jobs.append((original, work, varfile))
        # Plans only read: two at a time share the provider mirror and the .terraform folder.
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda j: (j, tf(terraform, ["plan", "-input=false", "-lock=false",
                                                                 "-refresh=false",
                                                                 f"-var-file={j[2].relative_to(j[1])}"], j[1])),
                                    jobs))
        for (original, work, varfile), proc in results:
            name = f"{rel(original)}/{varfile.relative_to(work)}"
            if proc.returncode != 0:
                problems.append(f"  {name}: terraform plan failed\n{error_lines(proc)}")
            else:
                m = PLAN_LINE.search(proc.stdout)
                summary = (m.group(1) if m else "planned").rstrip(".")
                plans.append(f"{original.name}/{varfile.stem} ({summary.removeprefix('Plan: ')})")
    if problems:
        raise CheckFailed("\n".join(problems))
    planned = f"; planned against moto: {', '.join(plans)}" if plans else "; no moto_server, plans skipped"
    return f"{len(folders)} examples validate{planned}"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
