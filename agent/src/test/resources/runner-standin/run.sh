#!/usr/bin/env bash
# Test stand-in for the GitHub Actions runner's run.sh (the real runner cannot be downloaded in
# tests). Same command line: `run.sh --version` prints the version, `run.sh --jitconfig <X>` runs
# one job as an ephemeral JIT runner would: console lines and _diag/Runner_*.log lines in the real
# runner's wording ("Listening for Jobs", "Running job: …", "Job … completed with result: …"),
# the ACTIONS_RUNNER_HOOK_JOB_STARTED / _COMPLETED scripts run with GITHUB_* set, and SIGINT or
# SIGTERM cancel the running job ("completed with result: Canceled"). Like the real run.sh it
# exits 0 in nearly every case, so callers must not trust its exit code.
#
# Behaviour is chosen by a file `standin-control` next to this script (tests write it):
#   job=quick  (default) run one short job and exit
#   job=hold   start a job and keep it running until `standin-release` appears (it is used up:
#              one file per held job) or a signal
#   job=none   connect and listen for jobs until a signal (an idle runner)
#   job=exit   exit before any job, as the real runner does when its registration is gone
# and optionally a line `hooks=off`: the job hooks are not run (as when they cannot reach the agent).
# The JIT config is never written anywhere; only its SHA-256 goes to `standin-jit.sha256` so a
# test can check the runner got the config the gateway issued. Each job appends what it found in
# _work to `standin-work-seen` (one line per job) and leaves files there.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
version="$(cat "$here/VERSION" 2>/dev/null || echo 2.320.0)"

case "${1:-}" in
  --version) echo "$version"; exit 0 ;;
  --jitconfig)
    if [ -z "${2:-}" ]; then echo "Error: --jitconfig needs a value"; exit 1; fi
    printf '%s' "$2" | sha256sum | cut -d' ' -f1 >"$here/standin-jit.sha256" ;;
  *) echo "usage: run.sh --jitconfig <config> | --version"; exit 1 ;;
esac

mkdir -p "$here/_diag"
diag="$here/_diag/Runner_$(date -u +%Y%m%d-%H%M%S)-$$-utc.log"
ts() { date -u '+%Y-%m-%d %H:%M:%SZ'; }
say() {
  local now; now="$(ts)"
  echo "$now: $*"
  echo "[$now INFO Terminal] WRITE LINE: $now: $*" >>"$diag"
}
trace() { echo "[$(ts) INFO $1] $2" >>"$diag"; }

mode=quick
hooks=on
if [ -f "$here/standin-control" ]; then
  mode="$(sed -n 's/^job=//p' "$here/standin-control")"
  hooks="$(sed -n 's/^hooks=//p' "$here/standin-control")"
fi

export GITHUB_REPOSITORY=octo-org/octo-repo GITHUB_WORKFLOW=CI GITHUB_JOB=build GITHUB_RUN_ID=30433642
job=build
job_running=0

run_hook() { if [ "$hooks" != off ] && [ -n "${1:-}" ]; then bash "$1"; fi; }
finish_job() {
  job_running=0
  run_hook "${ACTIONS_RUNNER_HOOK_JOB_COMPLETED:-}"
  trace JobDispatcher "Job $job finished with result $1"
  say "Job $job completed with result: $1"
}
# shellcheck disable=SC2329 # invoked by the trap below
on_signal() {
  trace Runner "Received Ctrl-C signal, stop Runner.Listener and Runner.Worker."
  if [ "$job_running" = 1 ]; then finish_job Canceled; fi
  say "Exiting..."
  exit 0
}
trap on_signal INT TERM

pause() { sleep 0.05 & wait $!; }

trace Runner "Runner is built for Linux (X64) - linux-x64"
say "√ Connected to GitHub"
say "Current runner version: '$version'"
say "Listening for Jobs"

case "$mode" in
  exit)
    trace Runner "Registration was not found or is not medium trust."
    say "An error occurred: Registration was not found."
    exit 0 ;;
  none)
    while :; do pause; done ;;
esac

say "Running job: $job"
job_running=1
# Like a real job, work in _work: record what the folder held when the job began (a reused
# instance's agent must have emptied it), then leave a checkout and a temporary file behind.
work="$here/_work"
{ find "$work" -mindepth 1 -maxdepth 1 -printf '%f ' 2>/dev/null; echo; } >>"$here/standin-work-seen"
mkdir -p "$work/octo-repo/octo-repo" "$work/_temp"
echo "built by job $$" >"$work/octo-repo/octo-repo/output.bin"
echo "scratch" >"$work/_temp/scratch-$$"
run_hook "${ACTIONS_RUNNER_HOOK_JOB_STARTED:-}"
if [ "$mode" = hold ]; then
  while [ ! -f "$here/standin-release" ]; do pause; done
  # One release per held job: a reused instance's next runner holds its job again.
  rm -f "$here/standin-release"
fi
finish_job Succeeded
trace Runner "Job completed, ephemeral runner exiting."
exit 0
