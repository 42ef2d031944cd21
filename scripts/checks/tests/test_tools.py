import shutil

import pytest

import actionlint_check
import checkov_scan
import shellcheck_all
import systemd_verify
from conftest import fails, write

GOOD_UNIT = """[Unit]
Description=Test unit

[Service]
ExecStart=/bin/true
NoNewPrivileges=yes

[Install]
WantedBy=multi-user.target
"""


def test_shellcheck_passes_a_clean_script_and_template(tmp_path):
    write(tmp_path, {"a.sh": '#!/usr/bin/env bash\nset -euo pipefail\necho "$1"\n',
                     "t/user-data.sh.tftpl": '#!/bin/bash\necho "${value}"\n'})
    assert "2 shell scripts" in shellcheck_all.check(tmp_path)


def test_shellcheck_finds_an_unquoted_variable(tmp_path):
    write(tmp_path, {"bin/run": '#!/bin/bash\nrm -rf $1/tmp\n'})
    fails(shellcheck_all.check, tmp_path, "bin/run", "SC2086")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_verify_passes_a_valid_unit(tmp_path):
    write(tmp_path, {"systemd/good.service": GOOD_UNIT})
    assert "1 units verify" in systemd_verify.check(tmp_path)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_verify_rejects_an_unknown_directive(tmp_path):
    write(tmp_path, {"systemd/bad.service": GOOD_UNIT.replace("NoNewPrivileges=yes", "NoNewPrivilege=yes")})
    fails(systemd_verify.check, tmp_path, "bad.service")


WORKFLOW = """name: t
on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - run: echo "${{ github.sha }}"
"""


def test_actionlint_passes_a_valid_workflow(tmp_path):
    write(tmp_path, {".github/workflows/t.yml": WORKFLOW})
    assert "1 workflows" in actionlint_check.check(tmp_path)


def test_actionlint_rejects_a_broken_expression(tmp_path):
    write(tmp_path, {".github/workflows/t.yml": WORKFLOW.replace("github.sha", "github.shaa(")})
    fails(actionlint_check.check, tmp_path, "t.yml")


BUCKET = 'resource "aws_s3_bucket" "b" {\n%s  bucket = "hangar-test"\n}\n'


def test_checkov_fails_an_insecure_bucket(tmp_path):
    write(tmp_path, {"terraform/main.tf": BUCKET % ""})
    fails(checkov_scan.check, tmp_path, "CKV", "aws_s3_bucket.b")


def test_checkov_skip_needs_a_real_reason(tmp_path):
    write(tmp_path, {"terraform/main.tf": BUCKET % "  #checkov:skip=CKV_AWS_18:because\n"})
    fails(checkov_scan.check, tmp_path, "skip of CKV_AWS_18 needs a real reason")


def test_checkov_skip_must_name_a_check(tmp_path):
    problems = checkov_scan.skip_problems(write(tmp_path, {"main.tf": "# checkov:skip=ALL:we do not care about any of these\n"}))
    assert problems and "not a checkov check id" in problems[0]
