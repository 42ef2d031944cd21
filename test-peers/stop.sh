#!/usr/bin/env bash
# Stops whatever test-peers/start.sh started; quiet when nothing runs.
set -u
cd "$(dirname "$0")/.." || exit 1
for pidfile in .peers/*.pid; do
  [ -f "$pidfile" ] || continue
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
