# Hangar: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -q
GATEWAY_JAR := gateway/target/hangar-gateway.jar

.PHONY: demo test build clean peers-install bench-agent

build:
	$(MVN) -DskipTests package

## Runs the gateway locally with embedded SQS, an in-memory ledger and a simulated fleet.
demo: build
	java -jar $(GATEWAY_JAR) demo

## Installs and starts the test peers, runs every test and check, stops the peers.
test:
	@bash test-peers/install.sh
	@bash test-peers/start.sh
	@set -o pipefail; source .peers/env; status=0; \
	  mvn -B verify || status=$$?; \
	  bash test-peers/stop.sh; \
	  [ $$status -eq 0 ] && bash scripts/coverage-summary.sh; \
	  exit $$status

clean:
	$(MVN) clean
	rm -rf .peers

## Agent footprint benchmark (not part of `make test`): start-up, RSS, idle CPU.
bench-agent:
	$(MVN) -o -pl agent -am -DskipTests -Djacoco.skip=true package
	bash agent/bench/bench-agent.sh
