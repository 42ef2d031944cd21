"""Runs every infrastructure check and prints one line each plus an 'N passed, N failed' total."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import actionlint_check
import checkov_scan
import hcl_parse
import inside_repo
import metric_names
import shellcheck_all
import systemd_verify
import tf_docs
import tf_fmt
import tf_modules
import tf_plan
from common import REPO, CheckFailed

CHECKS = [
    ("inside_repo", inside_repo.check),
    ("hcl_parse", lambda r: hcl_parse.check(r)),
    ("tf_modules", lambda r: tf_modules.check(r / "terraform")),
    ("tf_docs", tf_docs.check),
    ("tf_fmt", tf_fmt.check),
    ("metric_names", metric_names.check),
    ("shellcheck", shellcheck_all.check),
    ("systemd_verify", systemd_verify.check),
    ("actionlint", actionlint_check.check),
    ("checkov", checkov_scan.check),
    ("tf_plan", tf_plan.check),
]


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO
    passed = failed = 0
    for name, check in CHECKS:
        start = time.monotonic()
        try:
            summary = check(root)
            passed += 1
            print(f"ok   {name:15s} {summary} ({time.monotonic() - start:.1f}s)", flush=True)
        except CheckFailed as e:
            failed += 1
            print(f"FAIL {name:15s} ({time.monotonic() - start:.1f}s)\n{e}", flush=True)
    print(f"checks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
