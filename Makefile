# Hangar: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -q
LOCAL_JAR := local/target/hangar-local.jar

.PHONY: demo test build clean peers-install bench-agent bench-webhook checks

build:
	$(MVN) -DskipTests package

## Runs the gateway locally with embedded SQS, an in-memory ledger and a simulated fleet
## (hangar-local: the demo, the simulator and the embedded queue live outside the gateway jar).
demo: build
	java -jar $(LOCAL_JAR) demo

## Installs and starts the test peers, runs every test and check, stops the peers.
test:
	@bash test-peers/install.sh
	@$(MAKE) --no-print-directory checks
	@bash test-peers/start.sh
	@set -o pipefail; source .peers/env; status=0; \
	  mvn -B verify || status=$$?; \
	  bash test-peers/stop.sh; \
	  [ $$status -eq 0 ] && bash scripts/coverage-summary.sh; \
	  exit $$status
	@$(MAKE) --no-print-directory faults-smoke
	@$(MAKE) --no-print-directory bench-smoke
	@$(MAKE) --no-print-directory demo-browser-test

clean:
	$(MVN) clean
	rm -rf .peers

## Agent footprint benchmark (not part of `make test`): start-up, RSS, idle CPU.
bench-agent:
	$(MVN) -pl agent -am -DskipTests -Djacoco.skip=true package
	bash agent/bench/bench-agent.sh

## The gateway's test classes and their classpath for the gateway benchmarks, built in one
## reactor run with the modules they need, so a fresh clone needs no earlier `mvn install`.
.PHONY: bench-classpath
bench-classpath:
	$(MVN) -pl gateway -am -DskipTests -Djacoco.skip=true test-compile dependency:build-classpath \
	  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test

## Webhook load benchmark (not part of `make test`): signed workflow_job deliveries with unique
## ids, open loop at a fixed rate, against the real gateway in its own process with the queue
## (standalone ElasticMQ server) in another, each pinned to its own CPU where taskset exists;
## phases gateway alone, queue alone, full path batched and unbatched; prints webhooks/s,
## p50/p99/max and CPU per webhook of each process, and counts the queue.
## Options: BENCH_ARGS="--rate 5000 --seconds 20" (see gateway/bench/bench-webhook.sh).
BENCH_ARGS ?=
bench-webhook: bench-classpath
	bash gateway/bench/bench-webhook.sh $(BENCH_ARGS)

## Infrastructure checks (HCL parse, module calls, README tables, metric names, shellcheck,
## systemd-analyze, actionlint, checkov; terraform fmt/validate/plan against a local moto server
## when terraform and a provider mirror happen to be installed) and the tests of the checks.
HANGAR_TOOLS_DIR ?= /opt/hangar-tools
CHECKS_PY := $(HANGAR_TOOLS_DIR)/checks/bin/python
checks:
	@test -x $(CHECKS_PY) || bash test-peers/install.sh
	@HANGAR_TOOLS_DIR=$(HANGAR_TOOLS_DIR) $(CHECKS_PY) scripts/checks/run_all.py
	@HANGAR_TOOLS_DIR=$(HANGAR_TOOLS_DIR) $(CHECKS_PY) -m pytest -q -p no:cacheprovider scripts/checks/tests

## Agent API benchmark (not part of `make test`): closed loop on POST /agent/v1/session
## (identity document verification) and /heartbeat over HTTP; prints requests/s and p50/p99/max.
## Options: BENCH_ARGS="--seconds 10 --connections 8 --instances 200 --warmup 3".
.PHONY: bench-agentapi

## Fault suite (not part of `make test`, ~15 minutes): real gateway processes, ElasticMQ, moto,
## Toxiproxy and the GitHub peer on loopback; kill -9 of a replica, SQS/DynamoDB/GitHub/AWS faults,
## spot reclaims, scale-in races. Prints a table of figures; exits 1 when a target is missed.
## FAULTS_ARGS="--only 2,4" picks scenarios. `faults-smoke` (run by `make test`): two short ones.
FAULTS_ARGS ?=
FAULTS_PY := $(HANGAR_TOOLS_DIR)/faults/bin/python
.PHONY: faults faults-smoke faults-build
faults-build:
	@test -x $(FAULTS_PY) && test -x $(HANGAR_TOOLS_DIR)/bin/toxiproxy-server || bash test-peers/install.sh
	# One reactor run: the gateway's test classpath names the agent's jars, which a fresh clone
	# has only in agent/target, not in the local Maven repository.
	$(MVN) -pl gateway -am -DskipTests -Djacoco.skip=true package dependency:build-classpath \
	  -Dmdep.outputFile=target/faults.cp -Dmdep.includeScope=test
faults: faults-build
	HANGAR_TOOLS_DIR=$(HANGAR_TOOLS_DIR) $(FAULTS_PY) faults/faults.py \
	  --classpath gateway/target/test-classes:gateway/target/classes:$$(cat gateway/target/faults.cp) $(FAULTS_ARGS)
faults-smoke: faults-build
	HANGAR_TOOLS_DIR=$(HANGAR_TOOLS_DIR) $(FAULTS_PY) faults/faults.py --smoke \
	  --classpath gateway/target/test-classes:gateway/target/classes:$$(cat gateway/target/faults.cp) $(FAULTS_ARGS)

GATEWAY_BENCH_JAVA = java -cp gateway/target/test-classes:gateway/target/classes:$$(cat gateway/target/bench.cp)
# The agent API benchmark described above.
bench-agentapi: bench-classpath
	$(GATEWAY_BENCH_JAVA) dev.hangar.gateway.agentapi.AgentApiBenchmark $(BENCH_ARGS)

## A few seconds of each benchmark above, so that none of them rots; `make test` runs it after
## the build. Checks that they run and that every accepted webhook was stored, not their figures.
.PHONY: bench-smoke
bench-smoke: bench-classpath
	@echo "bench-smoke: bench-webhook"
	bash gateway/bench/bench-webhook.sh --rate 200 --seconds 1 --warmup 1 --unbatched-rate 100 --connections 4
	@echo "bench-smoke: bench-agentapi"
	$(GATEWAY_BENCH_JAVA) dev.hangar.gateway.agentapi.AgentApiBenchmark --seconds 1 --warmup 1 --connections 2 --instances 10
	@echo "bench-smoke: bench-agent"
	@TRIALS=1 IDLE_SECONDS=1 $(MAKE) --no-print-directory bench-agent

## The demo's live page in headless Chromium (playwright-core and Debian's chromium, installed by
## test-peers/install.sh): runs the demo briefly on a free port and checks that the chart has
## points and a time axis and the pickup histogram has bars; screenshot in local/target/.
.PHONY: demo-browser-test
demo-browser-test:
	@test -f $(LOCAL_JAR) || $(MVN) -DskipTests -Djacoco.skip=true package
	HANGAR_TOOLS_DIR=$(HANGAR_TOOLS_DIR) node local/src/test/browser/demo-page.cjs
