#!/usr/bin/env bash
# Footprint benchmark of the Hangar agent (not part of `make test`): start-up to first IMDS
# request, steady-state RSS and idle CPU, with the JVM flags of systemd/hangar-agent.service and
# an AppCDS archive built the way the AMI bake builds it. Talks only to loopback stand-ins.
# Targets: RSS <= 48 MB, first IMDS request <= 500 ms, idle CPU <= 1 % of a core.
set -euo pipefail
cd "$(dirname "$0")/../.."
IDLE_SECONDS="${IDLE_SECONDS:-30}"
export MALLOC_ARENA_MAX=2 # as systemd/hangar-agent.service sets it
JAR=agent/target/hangar-agent.jar
[ -f "$JAR" ] || mvn -B -q -o -pl agent -am -DskipTests -Djacoco.skip=true package
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck disable=SC2206 # EXTRA_JVM_FLAGS is split into separate flags on purpose
JVM_FLAGS=(-Xms8m -Xmx24m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
  -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=32m -XX:MaxDirectMemorySize=8m
  -XX:-UsePerfData -Djava.net.preferIPv4Stack=true ${EXTRA_JVM_FLAGS:-})

echo "bench-agent: building the AppCDS archive (java -XX:ArchiveClassesAtExit … --cds-training)"
java "${JVM_FLAGS[@]}" -XX:ArchiveClassesAtExit="$work/agent.jsa" -jar "$JAR" --cds-training >/dev/null 2>&1

prepare() { # $1 = dir: runner stand-in (idle, listening), loopback stand-ins, agent.properties
  local dir=$1
  mkdir -p "$dir/runner" "$dir/state" "$dir/hooks"
  cp agent/src/test/resources/runner-standin/run.sh "$dir/runner/run.sh"; chmod +x "$dir/runner/run.sh"
  echo 2.320.0 >"$dir/runner/VERSION"; echo "job=none" >"$dir/runner/standin-control"
  python3 agent/bench/standins.py "$dir" & pids+=($!)
  for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
  local port; port=$(cat "$dir/port")
  cat >"$dir/agent.properties" <<PROPS
gateway.url=http://127.0.0.1:$port
imds.url=http://127.0.0.1:$port
runner.dir=$dir/runner
runner.user=$(id -un)
state.dir=$dir/state
hooks.dir=$dir/hooks
metrics.emfFile=$dir/emf.log
shutdown.command=true
PROPS
}

start_agent() { # $1 = dir, $2.. = extra JVM flags; sets agent_pid and startup_ms
  local dir=$1; shift
  rm -f "$dir/first-imds-ns" "$dir/registered"
  local t0; t0=$(date +%s%N)
  java "${JVM_FLAGS[@]}" "$@" -jar "$JAR" --config "$dir/agent.properties" >"$dir/agent.out" 2>"$dir/agent.err" &
  agent_pid=$!; pids+=("$agent_pid")
  for _ in $(seq 1 400); do [ -f "$dir/registered" ] && break; sleep 0.05; done
  [ -f "$dir/registered" ] || { echo "bench-agent: agent did not register"; cat "$dir/agent.err"; exit 1; }
  startup_ms=$(( ($(cat "$dir/first-imds-ns") - t0) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

TRIALS="${TRIALS:-5}"
CDS=(-XX:SharedArchiveFile="$work/agent.jsa" -Xshare:auto)
echo "bench-agent: JVM flags: ${JVM_FLAGS[*]} ${CDS[*]}"
for label in no-cds cds; do
  times=()
  for i in $(seq 1 "$TRIALS"); do
    dir="$work/$label-$i"; prepare "$dir"
    if [ "$label" = cds ]; then start_agent "$dir" "${CDS[@]}"; else start_agent "$dir"; fi
    times+=("$startup_ms"); kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true
  done
  med=$(printf '%s\n' "${times[@]}" | median)
  min=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
  echo "bench-agent: [$label] start to first IMDS request over $TRIALS starts: median ${med} ms, best ${min} ms, all: ${times[*]} (target <= 500; load $(cut -d' ' -f1 /proc/loadavg))"
done

dir="$work/steady"; prepare "$dir"
start_agent "$dir" "${CDS[@]}"
sleep 5 # let start-up work settle before measuring the idle state (runner registered, listening)
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$agent_pid/stat"; }
c1=$(ticks); sleep "$IDLE_SECONDS"; c2=$(ticks)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$agent_pid/status")
cpu=$(awk -v d=$((c2 - c1)) -v hz="$hz" -v s="$IDLE_SECONDS" 'BEGIN {printf "%.2f", d / hz / s * 100}')
rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}')
echo "bench-agent: [cds] steady-state RSS (runner idle, default 5 s/30 s intervals): ${rss_mb} MB (target <= 48)"
echo "bench-agent: [cds] idle CPU over ${IDLE_SECONDS} s: ${cpu} % of a core (target <= 1)"
echo "bench-agent: machine load while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
