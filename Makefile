# equip — make help lists the targets.
GO      ?= go
BIN     := bin/equip
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/equip-project/equip/internal/pipeline.Version=$(VERSION)

.PHONY: help build demo demo-inputs test test-short bench bench-smoke golden lint fuzz clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## build bin/equip
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/equip

demo: build ## run the shipped pipelines on the demo inputs (outputs/annual-workforce-profile/2025-03-31/ and more)
	./$(BIN) run pipelines/annual-workforce-profile.yaml
	./$(BIN) run pipelines/board-pack.yaml
	./$(BIN) run pipelines/quarterly-dashboard.yaml

demo-inputs: ## regenerate the demo inputs (deterministic: the same bytes every time)
	$(GO) run ./cmd/demogen -out inputs -census-from ../shared/data/real

test: ## run every test
	$(GO) test -count=1 -timeout 20m ./...

test-short: ## unit tests only (no end-to-end run)
	$(GO) test -count=1 -short ./...

bench: build ## time equip at 10k, 100k and 1M rows (XLSX, CSV) against pandas/openpyxl and unzip, then the Go benchmarks (~15 min)
	$(GO) run ./bench/scale -equip $(BIN) -python $(or $(PYTHON),python3) $(BENCH_FLAGS)
	$(GO) test -run '^$$' -bench . -benchmem ./...

bench-smoke: build ## the scale benchmark at 10,000 rows only (under a minute)
	$(GO) run ./bench/scale -equip $(BIN) -python $(or $(PYTHON),python3) -sizes 10000 $(BENCH_FLAGS)

golden: ## regenerate the end-to-end golden tables after a deliberate change
	EQUIP_UPDATE_GOLDEN=1 $(GO) test -count=1 -run TestDemoGolden ./internal/e2e/

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

fuzz: ## fuzz the readers, the harmoniser and the config parser for a short while each
	$(GO) test -run '^$$' -fuzz FuzzMap -fuzztime 30s ./internal/harmonise/
	$(GO) test -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime 60s -fuzzminimizetime 1x ./internal/ingest/
	$(GO) test -run '^$$' -fuzz '^FuzzXLSX$$' -fuzztime 60s -fuzzminimizetime 1x ./internal/ingest/
	$(GO) test -run '^$$' -fuzz '^FuzzConfig$$' -fuzztime 60s ./internal/config/
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime 60s -fuzzminimizetime 1x ./internal/xlsxread/

clean: ## remove the binary and the demo outputs
	rm -rf bin outputs/annual-workforce-profile outputs/board-pack outputs/quarterly-dashboard outputs/profile outputs/equip.duckdb outputs/equip.duckdb.wal outputs/equip.duckdb.lock outputs/equip.key
