#!/usr/bin/env bash
# Runs once while the instance is Warmed:Pending, before it stops in the warm pool: anything
# done here is not paid again at job pickup. Keep it idempotent.
set -euo pipefail

# Touch the runner's files so their blocks are read from the snapshot now, not during a job.
find /opt/actions-runner -type f -exec cat {} + >/dev/null

# Pre-pull the container images most jobs use, if Docker is installed.
if command -v docker >/dev/null 2>&1 && [ -f /etc/hangar/warmup-images ]; then
  while read -r image; do
    [ -n "$image" ] && docker pull --quiet "$image"
  done < /etc/hangar/warmup-images
fi
