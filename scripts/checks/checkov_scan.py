"""checkov over terraform/ and packer/ (and the workflows) with no failed check, and every
skip an inline `checkov:skip=ID:reason` whose reason says why."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import subprocess

from common import CheckFailed, main_of, rel, tool, walk

SKIP = re.compile(r"checkov:skip=([^\s:]*)(?::(.*))?")
CHECK_ID = re.compile(r"^(CKV2?_[A-Z0-9]+_\d+|CKV_SECRET_\d+|CKV_GHA_\d+|CKV2_GHA_\d+)$")
FOLDERS = ("terraform", "packer", ".github/workflows")
FRAMEWORKS = ["terraform", "secrets", "github_actions"]


def skip_problems(root: Path) -> list[str]:
    """Every inline skip names one check id and gives a reason of a few words."""
    problems = []
    for f in walk(root, (".tf", ".hcl", ".yml", ".yaml")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            for m in SKIP.finditer(line):
                check_id, reason = m.group(1), (m.group(2) or "").strip()
                if not CHECK_ID.match(check_id):
                    problems.append(f"  {rel(f)}:{n}: skip of '{check_id}' is not a checkov check id")
                elif len(reason.split()) < 5:
                    problems.append(f"  {rel(f)}:{n}: skip of {check_id} needs a real reason (a sentence), got '{reason}'")
    for name in (".checkov.yaml", ".checkov.yml"):
        for f in root.rglob(name):
            if "skip" in f.read_text(encoding="utf-8"):
                problems.append(f"  {rel(f)}: skips belong inline next to the resource, not in a config file")
    return problems


def scan(root: Path, folders: list[Path], frameworks: list[str]) -> tuple[int, int, list[str]]:
    """One checkov process over all folders (its start-up dominates a small scan)."""
    checkov = tool("checkov", venv="checkov")
    if checkov is None:
        raise CheckFailed("  checkov is not installed: run test-peers/install.sh")
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false")
    dirs = [arg for f in folders for arg in ("-d", str(f))]
    cmd = [checkov, *dirs, "--framework", *frameworks, "--skip-download",
           "--quiet", "--compact", "-o", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env)
    out = proc.stdout.strip()
    if not out:
        if proc.returncode == 0:
            return 0, 0, []
        raise CheckFailed(f"  checkov failed: {proc.stderr.strip()[-500:]}")
    reports = []
    decoder, pos = json.JSONDecoder(), 0
    try:
        while pos < len(out):  # several -d give several JSON documents, one after another
            data, pos = decoder.raw_decode(out, pos)
            reports += data if isinstance(data, list) else [data]
            while pos < len(out) and out[pos].isspace():
                pos += 1
    except json.JSONDecodeError as e:
        raise CheckFailed(f"  checkov output is not JSON ({e}): {out[:300]}")
    passed = failed = 0
    problems = []
    for report in reports:
        summary = report.get("summary", {})
        passed += summary.get("passed", 0)
        failed += summary.get("failed", 0)
        if summary.get("parsing_errors"):
            problems.append(f"  checkov could not parse {summary['parsing_errors']} file(s)")
        for c in report.get("results", {}).get("failed_checks", []):
            problems.append(f"  {c['check_id']} {c.get('check_name', '')}: {c.get('resource', '')} "
                            f"({c.get('repo_file_path') or c.get('file_path', '')}:{c.get('file_line_range', ['?'])[0]})")
    return passed, failed, problems


def check(root: Path) -> str:
    problems = skip_problems(root)
    folders = [root / sub for sub in FOLDERS if (root / sub).is_dir()]
    if not folders:
        raise CheckFailed(f"  nothing to scan under {root}")
    total_passed, _failed, found = scan(root, folders, FRAMEWORKS)
    problems += found
    scanned = len(folders)
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{total_passed} checkov checks passed in {scanned} folders, no failure, every skip explained"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
