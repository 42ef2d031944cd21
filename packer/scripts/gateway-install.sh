#!/usr/bin/env bash
# Gateway image: Corretto 17, the gateway jar, its hardened unit, the boot script and the
# CloudWatch agent. Runs as root inside Packer.
set -euo pipefail
: "${GATEWAY_VERSION:?}"
staging=/tmp/hangar

dnf upgrade -y -q
dnf install -y -q java-17-amazon-corretto-headless amazon-cloudwatch-agent jq logrotate

# Unprivileged service account; the unit adds its own sandboxing on top.
id hangar >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin hangar

install -d -m 0755 /opt/hangar /opt/hangar/bin /opt/hangar/docs
install -m 0644 "$staging/operations.md" "$staging/deploy.md" /opt/hangar/docs/
install -d -m 0750 -o root -g hangar /etc/hangar
install -d -m 0750 -o hangar -g hangar /var/log/hangar
install -m 0644 "$staging/hangar-gateway.jar" /opt/hangar/hangar-gateway.jar
install -m 0755 "$staging/hangar-gateway-bootstrap.sh" /opt/hangar/bin/hangar-gateway-bootstrap
install -m 0644 "$staging/hangar-gateway.service" /etc/systemd/system/hangar-gateway.service
# The CloudWatch agent reads /var/log/hangar (hangar:hangar 0750) through the group.
usermod -aG hangar cwagent
install -m 0644 "$staging/gateway-cloudwatch-agent.json" \
  /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
install -m 0644 "$staging/gateway-logrotate" /etc/logrotate.d/hangar-gateway
printf '%s\n' "$GATEWAY_VERSION" > /opt/hangar/gateway-version

# Started by the boot script once config and secrets are in place, not at boot.
systemctl disable hangar-gateway.service 2>/dev/null || true

rm -rf "$staging"
dnf clean all
truncate -s 0 /etc/machine-id
cloud-init clean --logs
