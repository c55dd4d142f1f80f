# Vitrina — the two commands a new user needs are `make run` and `make test`.
# Everything they need is installed on first use by scripts/tools.sh (and skipped after).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
# Which demo store `make run` serves: ru (roubles, Pony Express) or sk (euros, Slovak, Lynx Courier).
STORE ?= ru
# wasm-opt from npm's binaryen, first on PATH so trunk never finds an older one.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
CARGO ?= cargo

.PHONY: help run build server test lint test-host test-browser test-e2e test-mock test-hard bench openapi fmt clean

help:
	@echo "make run    build the app and serve it with the reference backend at http://127.0.0.1:$(PORT)"
	@echo "make test   run every test layer: host, browser (headless Chromium), end-to-end"
	@echo "make bench  measure sizes, Lighthouse scores and interaction timings against the budgets"
	@echo "make test-hard  the slow robustness suites: contract fuzzing, load, crash safety"
	@echo "make test-mock  walk the app against Prism's mock of openapi.json (a backend nobody here wrote)"
	@echo "make openapi  regenerate openapi.json from the server"

## Build the app (release, offline) and start the reference backend on var/vitrina.sqlite.
run: build server
	@mkdir -p var
	@exec target/server/vitrina-server --store $(STORE) --port $(PORT) --db var/vitrina$(if $(filter-out ru,$(STORE)),-$(STORE)).sqlite \
		--dist dist --outbox var/outbox --demo-gateway

## The app, in release mode: dist/
build:
	@scripts/tools.sh build
	@scripts/build-app.sh

## The reference backend, optimised for speed.
server:
	@$(CARGO) build --quiet --profile server -p vitrina-server

test: lint test-host test-browser test-e2e test-mock
	@echo "All test layers passed."

## Formatting and lints, as errors: the host crates and the app (for the wasm target).
lint:
	@scripts/tools.sh lint
	@echo "== formatting and lints"
	@$(CARGO) fmt --all -- --check
	@$(CARGO) clippy --quiet -p vitrina-core -p vitrina-decode-derive -p vitrina-server --all-targets -- -D warnings
	@$(CARGO) clippy --quiet --target wasm32-unknown-unknown -p vitrina --all-targets -- -D warnings

## Host: the contract crate and the server (its API over real HTTP on a temporary SQLite file).
test-host:
	@echo "== host tests"
	@$(CARGO) test --quiet -p vitrina-core -p vitrina-server

## Browser: components and Intl in headless Chromium.
test-browser:
	@scripts/tools.sh test
	@echo "== browser tests (headless Chromium)"
	@wasm-pack --log-level warn test --headless --chrome --chromedriver $(CHROMEDRIVER) -- --test browser

## End-to-end: the release build served by the reference backend, driven by Playwright.
test-e2e: build
	@scripts/tools.sh test
	@$(CARGO) build --quiet -p vitrina-server
	@echo "== end-to-end tests (Playwright, Chromium)"
	@scripts/test-e2e.sh

## Sizes, Lighthouse, interaction timings and start-up against the budgets (after `make run`'s installs).
bench: build server
	@scripts/tools.sh bench
	@scripts/bench.sh

## Robustness (slow): schemathesis against the committed openapi.json, a load run, and SIGKILL
## during order placement, each against the optimised server binary on a temporary database.
test-hard: server
	@scripts/tools.sh hard
	@echo "== robustness tests (contract fuzzing, load, crash safety)"
	@VITRINA_SERVER_BIN=$(CURDIR)/target/server/vitrina-server \
		$(CARGO) test --quiet -p vitrina-server --test hard -- --ignored --test-threads=1 --nocapture

## The app against a backend nobody here wrote: Prism's mock of openapi.json, every page walked.
test-mock: build
	@scripts/tools.sh test
	@echo "== the app against a mock backend (Prism, dynamic answers)"
	@scripts/test-mock.sh

openapi:
	@$(CARGO) run --quiet -p vitrina-server -- --openapi > openapi.json
	@echo "openapi.json regenerated"

fmt:
	@$(CARGO) fmt --all

clean:
	@$(CARGO) clean
	@rm -rf dist var
