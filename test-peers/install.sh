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

# Amazon's EC2 metadata mock, for the agent's IMDSv2 token and spot interruption tests.
aemm_bin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/ec2-metadata-mock"
if [ ! -x "$aemm_bin" ]; then
  if need_cmd go; then
    say "installing ec2-metadata-mock v1.13.0 (go install) into $(dirname "$aemm_bin")"
    GOFLAGS=-buildvcs=false go install github.com/aws/amazon-ec2-metadata-mock/cmd/ec2-metadata-mock@v1.13.0
  else
    say "go is missing: the agent's ec2-metadata-mock tests will be skipped"
  fi
fi
