"""Nothing in the repository refers to a path above its own root.

A clone on a fresh machine has only the repository: a test, build file, script or document that
reads `../something` beyond the root works on a development machine and fails for everyone else.
Every relative reference (`../x`, `../../x`, ...) in a text file is resolved against the folder
it is read from: a source file under a module's `src/` is run from the module (Maven, go and npm
run tests there), any other file refers from its own folder (Terraform, Packer's `path.root`,
Markdown links, workflow steps). Landing above the root is a finding.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from common import SKIP_DIRS, CheckFailed, main_of

# A run of "../" that starts a path: not preceded by a name character, a dot or a slash, so
# "$(dirname "$0")/.." or "a/../b" inside the tree are not read as climbs from the file.
CLIMB = re.compile(r"(?<![\w.$/)}-])((?:\.\./)+)(?=[\w.${-])")
# The same climb behind a variable that names the file's own folder (Maven, Terraform, Packer).
ANCHORED = re.compile(r"\$\{(?:project\.basedir|basedir|path\.module|path\.root)\}/((?:\.\./)+)")
BUILD_FILES = ("pom.xml", "Makefile", "go.mod", "package.json")
TEXT_LIMIT = 2 * 1024 * 1024


def files(root: Path) -> list[Path]:
    """Tracked files when root is a git work tree, else every file below root."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
        if (root / ".git").exists():
            return [root / p for p in out.stdout.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for p in sorted(root.rglob("*")):
        if p.is_file() and not any(part in SKIP_DIRS for part in p.relative_to(root).parts):
            found.append(p)
    return found


def base(path: Path, root: Path) -> Path:
    """The folder a relative path in this file is resolved from."""
    parts = path.relative_to(root).parts
    if "src" in parts:
        module = root.joinpath(*parts[: parts.index("src")])
        if any((module / b).is_file() for b in BUILD_FILES):
            return module
    return path.parent


def depth(folder: Path, root: Path) -> int:
    return len(folder.relative_to(root).parts)


def check(root: Path) -> str:
    root = root.resolve()
    problems = []
    scanned = 0
    for path in files(root):
        if not path.is_file() or path.stat().st_size > TEXT_LIMIT:
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        scanned += 1
        allowed = depth(base(path, root), root)
        own = depth(path.parent, root)
        for lineno, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            climbs = [(m, allowed) for m in CLIMB.finditer(line)] + [(m, own) for m in ANCHORED.finditer(line)]
            for m, limit in climbs:
                if len(m.group(1)) // 3 > limit:
                    ref = line[m.start():].split()[0].strip("\"'`,;)")
                    problems.append(f"{path.relative_to(root)}:{lineno}: '{ref}' leaves the repository")
    if problems:
        raise CheckFailed("\n".join(problems))
    return f"{scanned} files refer to nothing above the repository root"


if __name__ == "__main__":
    raise SystemExit(main_of(check))
