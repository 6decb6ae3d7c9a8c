# modelwire — make targets. Quick start: `make run`, `make test`.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/modelwire
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
CONFIG ?= configs/modelwire.yaml
EVAL  ?= ../shared/eval
# held-out release sets (written by hand, or real READMEs from PyPI), scored by make eval (bench/eval_heldout.sh)
HELDOUT ?= bench/heldout bench/heldout2 bench/heldout3 bench/heldout4 bench/heldout5 bench/heldout6 bench/heldout7 bench/heldout8 bench/heldout9 bench/heldout10 bench/heldout11 bench/heldout12 bench/heldout13 bench/heldout14 bench/heldout15 bench/heldout16 bench/heldout17 bench/heldout18 bench/heldout19 bench/heldout20 bench/heldout21 bench/heldout22 bench/heldout23 bench/heldout24 bench/heldout25 bench/heldout26 bench/heldout27 bench/heldout28 bench/heldout29 bench/heldout30 bench/heldout31 bench/heldout32 bench/heldout33 bench/heldout34 bench/heldout35

VENV  := .cache/venv
PYREQ := .ci/test-requirements.txt

.PHONY: all build run test venv hostile cluster-test lint bench bench-go eval clean es-up es-down

all: build

build: ## build bin/modelwire
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/modelwire

run: build ## run every stage on embedded NATS and the embedded index with configs/modelwire.yaml
	$(BIN) run --config $(CONFIG)

test: venv ## vet, deployment-file validation, unit and integration tests; starts the dev Elasticsearch node unless MODELWIRE_TEST_ES_URL names one
	$(GO) vet ./...
	deploy/validate.sh
	@if [ -z "$$MODELWIRE_TEST_ES_URL" ]; then deploy/elasticsearch/es-up.sh; fi
	$(GO) test -count=1 ./...

venv: $(VENV)/.installed ## the test-only Python packages of .ci/test-requirements.txt (feedparser, …) in .cache/venv

$(VENV)/.installed: $(PYREQ)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r $(PYREQ)
	touch $@

hostile: ## the hostile-input suite alone: every TestHostile* (canonical hijack, oversize pages, NATS logins and permissions, webhook secrets, terminal escapes, API 400s, address guard, …) and the older tests of attacks that already failed (bombs, slow bodies, SSRF, bad parameters, page escaping); part of make test
	@if [ -z "$$MODELWIRE_TEST_ES_URL" ]; then deploy/elasticsearch/es-up.sh; fi
	$(GO) test -count=1 -run '^(TestHostile.*|TestLimits|TestGuard|TestCheckPublic|TestRetries|TestBadParametersGet400|TestStreamLimit|TestPage)$$' ./...

cluster-test: build ## scale-out and faults on loopback: 3 NATS nodes, 2 Elasticsearch nodes (ports 9210/9211), 2 replicas per stage; report in .cluster-test/report.txt
	@mkdir -p .cluster-test
	MODELWIRE_BIN=$(abspath $(BIN)) MODELWIRE_CLUSTER_REPORT=$(abspath .cluster-test/report.txt) \
		$(GO) test -tags cluster -count=1 -timeout 40m -v -run TestCluster ./internal/clustertest $(CLUSTER_ARGS)

lint: ## go vet, gofmt, staticcheck (with the cluster test's build tag; bench/'s own module too)
	$(GO) vet -tags cluster ./...
	$(GO) -C bench vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags cluster ./...
	cd bench && $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

bench: ## speed in one run, with ratios to the alternatives: extraction, indexing, end to end, scaling; table in .bench/summary.txt (see bench/run.sh)
	@if [ -z "$$MODELWIRE_TEST_ES_URL" ]; then deploy/elasticsearch/es-up.sh; fi
	EVAL=$(EVAL) bash bench/run.sh

bench-go: ## every Go benchmark once, with -benchmem (bench/ is a module of its own: BenchmarkGoTrafilatura)
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) -C bench test -run '^$$' -bench . -benchmem ./...

eval: build ## extraction quality on ../shared/eval and on the held-out sets (HELDOUT)
	@for s in bench/eval_*.sh; do [ "$$s" = bench/eval_heldout.sh ] && continue; [ -f "$$s" ] && EVAL=$(EVAL) BIN=$(BIN) bash "$$s" || exit 1; done
	@for h in $(HELDOUT); do EVAL=$(EVAL) BIN=$(BIN) bash bench/eval_heldout.sh "$$h" || exit 1; done

es-up: ## start the dev Elasticsearch 8 node on 127.0.0.1:9200 (downloads it from Maven Central once)
	deploy/elasticsearch/es-up.sh

es-down: ## stop the dev Elasticsearch node
	deploy/elasticsearch/es-down.sh

clean:
	rm -rf bin .eval .bench .cluster-test
