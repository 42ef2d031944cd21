#!/usr/bin/env bash
# Runner image, part 1: OS updates, JRE for the agent, the runner's OS dependencies, CloudWatch
# agent and (optionally) Docker. Runs as root inside Packer.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

apt-get update -q
apt-get upgrade -y -q
apt-get install -y -q --no-install-recommends \
  openjdk-17-jre-headless ca-certificates curl jq git unzip zstd \
  libicu74 libkrb5-3 zlib1g liblttng-ust1t64

arch=$(dpkg --print-architecture)
cw_deb=/tmp/amazon-cloudwatch-agent.deb
curl -fsSL --retry 5 -o "$cw_deb" \
  "https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/${arch}/latest/amazon-cloudwatch-agent.deb"
dpkg -i "$cw_deb"
rm -f "$cw_deb"

if [ "${INSTALL_DOCKER:-true}" = "true" ]; then
  apt-get install -y -q --no-install-recommends docker.io docker-buildx containerd
  systemctl enable docker.service
fi

apt-get clean
rm -rf /var/lib/apt/lists/*
