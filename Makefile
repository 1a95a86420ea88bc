# RosterMail: `make demo` shows a whole Monday mailing on embedded defaults; `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/rostermail

.PHONY: demo test bench build lint bootstrap clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build --product rostermail

demo: build
	$(BIN) demo

# Formatting lint, a build of everything that fails on any warning in our code, then all tests.
test: bootstrap lint
	@scripts/build-no-warnings
	$(SWIFT) test --skip-build --disable-xctest
	@scripts/score-replies $(BIN)

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

bench: bootstrap
	@scripts/bench

clean:
	rm -rf .build var
