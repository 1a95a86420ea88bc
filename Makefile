# RosterMail: `make demo` shows a whole Monday mailing on embedded defaults; `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/rostermail

.PHONY: demo test bench build lint bootstrap clean fuzz

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build --product rostermail

demo: build
	$(BIN) demo

# Formatting lint, a build of everything that fails on any warning in our code, the systemd units'
# verify and exposure check, then all tests.
test: bootstrap lint
	@scripts/build-no-warnings
	@scripts/check-systemd-units $(BIN)
	$(SWIFT) test --skip-build --disable-xctest
	@scripts/score-replies $(BIN)

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

bench: bootstrap
	@scripts/bench

# libFuzzer on the MIME parser and reply trimmer for FUZZ_SECONDS (60); not part of `test` (Fuzz/run).
fuzz:
	@Fuzz/run

clean:
	rm -rf .build var
