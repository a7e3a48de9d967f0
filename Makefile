# ModemKit: the two commands a new user needs are `make demo` and `make test`.
#
#   make deps    install the Debian packages the build needs (as root; otherwise prints the command)
#   make demo    build the CLI and run `modemkit demo`: telemetry through the virtual modem to mosquitto
#   make test    build everything and the Examples package, run every test
#   make build   build the package
#   make bench   run the benchmarks (Benchmarks/ package, replay decode, the 10 000-modem fleet, telemetry end to end)
#
# SWIFT_FLAGS is passed to every swift build/test, e.g. SWIFT_FLAGS="--scratch-path .build-mine".

SWIFT ?= swift
SWIFT_FLAGS ?=
EXAMPLE_FLAGS ?=

.PHONY: all deps build demo test bench

all: build

deps:
	@bash scripts/deps.sh

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

demo:
	@bash scripts/deps.sh demo
	$(SWIFT) build $(SWIFT_FLAGS) --product modemkit
	$(SWIFT) run $(SWIFT_FLAGS) --skip-build modemkit demo

# The example is built before the tests run, so that the test summary is the last output.
test:
	@bash scripts/deps.sh test
	$(SWIFT) build $(SWIFT_FLAGS)
	$(SWIFT) build --package-path Examples/QuickStart $(EXAMPLE_FLAGS)
	$(SWIFT) test $(SWIFT_FLAGS)

bench:
	@bash scripts/deps.sh bench
	@if [ -f Benchmarks/Package.swift ]; then \
		$(SWIFT) package --package-path Benchmarks benchmark && \
		$(SWIFT) run -c release --package-path Benchmarks modemkit-profile decode 64 5; \
	else \
		echo "bench: no Benchmarks package yet"; \
	fi
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product modemkit
	for profile in quectel-bg96 simcom-sim800 simcom-sim7600 ublox-sara-r4; do \
		$(SWIFT) run -c release $(SWIFT_FLAGS) --skip-build modemkit sim fleet --count 10000 --profile $$profile --baseline || exit 1; \
	done
	$(SWIFT) run -c release $(SWIFT_FLAGS) --skip-build modemkit telemetry bench
