# otp-tutor: `make run` to start the shell, `make test` to run the whole suite.
SWIFT ?= swift
PREFIX ?= /usr/local
# Cross-module optimisation lets swift-crypto's generic HMAC code be specialised into the
# engine: without it, generic-metadata lookups cost more than the hashing (see README).
RELEASE := -c release -Xswiftc -cross-module-optimization

.PHONY: run build test bench release format lint install clean

run: build
	@.build/debug/otp-tutor

build:
	@scripts/install-deps run
	$(SWIFT) build --product otp-tutor

test:
	@scripts/install-deps test
	$(SWIFT) build --build-tests
	.build/debug/otp-tutor check Lessons Examples
	$(SWIFT) test --skip-build

bench:
	@scripts/install-deps test
	$(SWIFT) build $(RELEASE) --product otp-bench
	$(SWIFT) build $(RELEASE) --product otp-tutor
	.build/release/otp-bench

release:
	@scripts/install-deps run
	$(SWIFT) build $(RELEASE) --product otp-tutor

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/otp-tutor/Lessons
	install -m 0755 .build/release/otp-tutor $(DESTDIR)$(PREFIX)/bin/otp-tutor
	install -m 0644 Lessons/*.md $(DESTDIR)$(PREFIX)/share/otp-tutor/Lessons/
	install -d $(DESTDIR)$(PREFIX)/share/otp-tutor/Examples
	install -m 0644 Examples/*.transcript $(DESTDIR)$(PREFIX)/share/otp-tutor/Examples/

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build
