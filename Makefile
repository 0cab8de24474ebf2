# otp-tutor: `make run` to start the shell, `make test` to run the whole suite.
SWIFT ?= swift
PREFIX ?= /usr/local

.PHONY: run build test bench release format lint install clean

run: build
	@.build/debug/otp-tutor

build:
	@scripts/install-deps run
	$(SWIFT) build --product otp-tutor

test:
	@scripts/install-deps test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench:
	@scripts/install-deps test
	$(SWIFT) build -c release --product otp-bench
	$(SWIFT) build -c release --product otp-tutor
	.build/release/otp-bench

release:
	@scripts/install-deps run
	$(SWIFT) build -c release --product otp-tutor

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build/release/otp-tutor $(DESTDIR)$(PREFIX)/bin/otp-tutor

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build
