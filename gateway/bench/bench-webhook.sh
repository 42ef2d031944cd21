#!/usr/bin/env bash
# Webhook ingest benchmark with the queue out of process, as in production (not part of
# `make test`; `make bench-webhook` builds the classpath first). Starts the standalone ElasticMQ
# server, pins it and this load generator to the last CPU and the gateway to CPU 0 where
# taskset and two or more CPUs exist, and runs dev.hangar.gateway.bench.WebhookLoadBenchmark with
# the arguments given. `--sqs 0` measures the gateway's route alone and starts no queue.
# Loopback only; every phase is bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -s gateway/target/bench.cp ] || { echo "bench-webhook: run 'make bench-webhook' (builds gateway/target/bench.cp)" >&2; exit 2; }

# The SDK loads CallCounter from this resource, so calls are counted in the gateway's process
# without changing its wiring; only the benchmark's classpath carries it.
hooks=gateway/target/bench-interceptors
mkdir -p "$hooks/software/amazon/awssdk/global/handlers"
echo dev.hangar.gateway.bench.CallCounter >"$hooks/software/amazon/awssdk/global/handlers/execution.interceptors"
cp="$hooks:gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.cp)"

echo "bench-webhook: $(nproc --all) CPUs, load average $(cut -d" " -f1-3 /proc/loadavg)"
gateway_cpus="" generator_cpus="" pin=()
last_cpu=$(( $(nproc) - 1 ))
if command -v taskset >/dev/null 2>&1 && [ "$last_cpu" -ge 1 ]; then
  gateway_cpus=0
  generator_cpus=$last_cpu
  pin=(taskset -c "$generator_cpus")
fi

queue_args=()
pids=()
work=$(mktemp -d)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [[ " $* " != *" --sqs 0 "* ]]; then
  jar=$(bash test-peers/elasticmq-server.sh)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  cat >"$work/elasticmq.conf" <<CONF
include classpath("application.conf")
node-address { protocol = http, host = "127.0.0.1", port = $port, context-path = "" }
rest-sqs { enabled = true, bind-port = $port, bind-hostname = "127.0.0.1", sqs-limits = strict }
rest-stats { enabled = false }
CONF
  "${pin[@]}" java -Xmx2g -Dconfig.file="$work/elasticmq.conf" -Dlogback.configurationFile=/dev/null \
    -cp "$(dirname "$jar")/*" org.elasticmq.server.Main >"$work/elasticmq.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/?Action=ListQueues" 2>/dev/null && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "bench-webhook: ElasticMQ server died:" >&2; cat "$work/elasticmq.log" >&2; exit 1; }
    sleep 0.2
  done
  queue_args=(--queue-endpoint "http://127.0.0.1:$port" --queue-pid "${pids[0]}")
  echo "bench-webhook: ElasticMQ server $(basename "$jar" .jar) on 127.0.0.1:$port, pid ${pids[0]}${generator_cpus:+, CPU $generator_cpus}"
fi

"${pin[@]}" java -Xmx3g -cp "$cp" dev.hangar.gateway.bench.WebhookLoadBenchmark \
  --gateway-cpus "$gateway_cpus" --generator-cpus "$generator_cpus" "${queue_args[@]}" "$@"
