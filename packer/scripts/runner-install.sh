#!/usr/bin/env bash
# Runner image, part 2: the GitHub Actions runner (pinned, SHA-256 checked), the Hangar agent,
# its systemd unit and the CloudWatch agent config. Runs as root inside Packer.
set -euo pipefail
: "${RUNNER_VERSION:?}" "${RUNNER_SHA256:?}" "${AGENT_VERSION:?}"

staging=/tmp/hangar
runner_dir=/opt/actions-runner

# The runner runs jobs as an unprivileged user; docker group only when Docker is installed.
id runner >/dev/null 2>&1 || useradd --create-home --shell /bin/bash runner
if getent group docker >/dev/null; then usermod -aG docker runner; fi

tarball="actions-runner-linux-x64-${RUNNER_VERSION}.tar.gz"
curl -fsSL --retry 5 -o "/tmp/${tarball}" \
  "https://github.com/actions/runner/releases/download/v${RUNNER_VERSION}/${tarball}"
echo "${RUNNER_SHA256}  /tmp/${tarball}" | sha256sum --check --strict -
install -d -o runner -g runner -m 0755 "$runner_dir"
tar -xzf "/tmp/${tarball}" -C "$runner_dir"
chown -R runner:runner "$runner_dir"
rm -f "/tmp/${tarball}"
"$runner_dir/bin/installdependencies.sh"

# Agent: jar, unit, state and log folders. The agent is configured at boot by user data
# (/etc/hangar/agent.properties) and started from there.
install -d -m 0755 /opt/hangar /opt/hangar/docs /etc/hangar /var/lib/hangar-agent
install -m 0644 "$staging/agent.md" /opt/hangar/docs/agent.md
# The agent (root, umask 022) writes agent.log and its EMF lines here; the CloudWatch agent reads.
install -d -m 0755 /var/log/hangar
install -m 0644 "$staging/hangar-agent.jar" /opt/hangar/hangar-agent.jar
install -m 0644 "$staging/hangar-agent.service" /etc/systemd/system/hangar-agent.service
install -m 0755 "$staging/runner-warmup.sh" /opt/hangar/runner-warmup.sh
printf '%s\n' "$RUNNER_VERSION" > /opt/hangar/runner-version
printf '%s\n' "$AGENT_VERSION" > /opt/hangar/agent-version
systemctl enable hangar-agent.service

# AppCDS archive the unit maps at start-up (-XX:SharedArchiveFile); flags match the unit's.
java -Xms8m -Xmx24m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
  -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=32m -XX:MaxDirectMemorySize=8m \
  -Djava.net.preferIPv4Stack=true \
  -XX:ArchiveClassesAtExit=/opt/hangar/hangar-agent.jsa -jar /opt/hangar/hangar-agent.jar --cds-training

# Hide other users' processes (the runner's command line carries its one-time JIT config):
# /proc with hidepid=invisible; the services that must see every process join group proc.
getent group proc >/dev/null || groupadd --system proc
proc_gid=$(getent group proc | cut -d: -f3)
grep -q '^proc /proc ' /etc/fstab || echo "proc /proc proc defaults,hidepid=invisible,gid=${proc_gid} 0 0" >> /etc/fstab
for unit in systemd-logind polkit; do
  install -d -m 0755 "/etc/systemd/system/${unit}.service.d"
  printf '[Service]\nSupplementaryGroups=proc\n' > "/etc/systemd/system/${unit}.service.d/hangar-proc.conf"
done

# CloudWatch agent: agent logs, runner _diag logs, EMF metrics; the log group is filled in
# by user data (it depends on the environment and pool).
install -m 0644 "$staging/runner-cloudwatch-agent.json" \
  /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
systemctl enable amazon-cloudwatch-agent.service

# Leave no build identity behind: each instance gets its own machine id and host keys.
rm -rf "$staging"
truncate -s 0 /etc/machine-id
rm -f /etc/ssh/ssh_host_*
cloud-init clean --logs
