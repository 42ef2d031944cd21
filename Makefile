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

clean:
	$(MVN) clean
	rm -rf .peers

## Agent footprint benchmark (not part of `make test`): start-up, RSS, idle CPU.
bench-agent:
	$(MVN) -o -pl agent -am -DskipTests -Djacoco.skip=true package
	bash agent/bench/bench-agent.sh

## Webhook load benchmark (not part of `make test`): signed workflow_job deliveries with unique
## ids, open loop at a fixed rate, against the real gateway with embedded ElasticMQ; prints
## sustained webhooks/s and p50/p99/max latency. Options: BENCH_ARGS="--rate 3000 --seconds 30".
BENCH_ARGS ?=
bench-webhook:
	$(MVN) -o -pl gateway -am -DskipTests -Djacoco.skip=true test-compile
	$(MVN) -o -pl gateway dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
	java -cp gateway/target/test-classes:gateway/target/classes:$$(cat gateway/target/bench.cp) \
	  dev.hangar.gateway.bench.WebhookLoadBenchmark $(BENCH_ARGS)

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
bench-agentapi:
	$(MVN) -o -pl gateway -am -DskipTests -Djacoco.skip=true test-compile
	$(MVN) -o -pl gateway dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
	java -cp gateway/target/test-classes:gateway/target/classes:$$(cat gateway/target/bench.cp) \
	  dev.hangar.gateway.agentapi.AgentApiBenchmark $(BENCH_ARGS)

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
