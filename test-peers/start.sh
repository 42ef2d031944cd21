#!/usr/bin/env bash
# Starts the out-of-process test peers and writes their addresses to .peers/env.
# ElasticMQ (SQS) needs no start here: tests embed it in their own JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .peers

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# install.sh puts moto in its own venv unless a working moto_server was already on PATH.
moto_server=${HANGAR_TOOLS_DIR:-/opt/hangar-tools}/moto/bin/moto_server
[ -x "$moto_server" ] || moto_server=moto_server

moto_port=$(free_port)
"$moto_server" -H 127.0.0.1 -p "$moto_port" >.peers/moto.log 2>&1 &
echo $! >.peers/moto.pid
for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$moto_port/moto-api/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat .peers/moto.pid)" 2>/dev/null; then echo "moto_server died:"; cat .peers/moto.log; exit 1; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$moto_port/moto-api/" >/dev/null || { echo "moto_server did not start"; exit 1; }
echo "export HANGAR_MOTO_URL=http://127.0.0.1:$moto_port" >.peers/env
echo "test-peers: moto_server on 127.0.0.1:$moto_port"
