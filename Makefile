# otp-tutor: `make run` to start the shell, `make test` to run the whole suite.
SWIFT ?= swift
PREFIX ?= /usr/local
# A plain release build, as a package that depends on OTP builds it (no special flags).
RELEASE := -c release

.PHONY: run build test consumer docs bench fuzz sanitize release extras install uninstall deb format lint clean

run: build
	@.build/debug/otp-tutor

build:
	@scripts/install-deps run
	$(SWIFT) build --product otp-tutor

test:
	@scripts/install-deps test
	$(SWIFT) build --build-tests
	@# What `make install` and `make deb` ship, for their tests.
	$(MAKE) --no-print-directory extras
	.build/debug/otp-tutor check Lessons Examples
	$(SWIFT) test --skip-build
	@# The terminal tests again, on the optimized build that ships: a release build makes one
	@# object file per source file, which a debug build's tests would not show.
	OTP_TUTOR_TEST_BINARY=$(STATIC)/release/otp-tutor $(SWIFT) test --skip-build --filter 'InteractiveTests|LearnerExperienceTests'
	$(MAKE) consumer

# A package that depends on OTP by path (Tests/Consumer), built in its own scratch path as a
# server's package would be: it saves a verifier's state, restores it, and checks the replay is
# still refused and the skew still known (codes from oathtool).
consumer:
	cd Tests/Consumer && $(SWIFT) build --scratch-path ../../.build-consumer
	.build-consumer/debug/Consumer

# The library's documentation (swift-docc-plugin); warnings fail the build.
docs:
	$(SWIFT) package --allow-writing-to-directory .build/docs \
	  generate-documentation --target OTP --warnings-as-errors \
	  --output-path .build/docs --transform-for-static-hosting

# The plain release build (as a dependent package builds OTP) beside a build with
# -cross-module-optimization in .build-cmo, in one run. Start-up and memory are measured on what
# ships (`make release`, stripped) beside a Swift hello-world built the same way (static Swift
# runtime, non-PIE, unused sections dropped, stripped): the floor of a Swift program.
bench: release
	@scripts/install-deps test
	$(SWIFT) build $(RELEASE) --product otp-bench
	$(SWIFT) build $(RELEASE) --product otp-tutor
	$(SWIFT) build $(RELEASE) --scratch-path .build-cmo -Xswiftc -cross-module-optimization --product otp-bench
	$(SWIFT) build $(RELEASE) --scratch-path .build-cmo -Xswiftc -cross-module-optimization --product otp-tutor
	@# Both installed as `make install` installs (install -s), so that both binaries' pages sit in
	@# the page cache alike: a file written whole by `strip -o` maps in larger pieces, and shows
	@# 8 MB more resident memory for the same program.
	@mkdir -p $(STATIC)/bench
	swiftc -O -static-stdlib -Xclang-linker -no-pie -Xlinker --gc-sections -module-cache-path $(STATIC)/bench/cache \
	  scripts/hello-world.swift -o $(STATIC)/bench/hello-world.unstripped
	install -s -m 0755 $(STATIC)/bench/hello-world.unstripped $(STATIC)/bench/hello-world
	install -s -m 0755 $(STATIC)/release/otp-tutor $(STATIC)/bench/otp-tutor
	OTP_BENCH_CMO=.build-cmo/release OTP_BENCH_SHIPPED=$(STATIC)/bench/otp-tutor OTP_BENCH_HELLO=$(STATIC)/bench/hello-world \
	  .build/release/otp-bench

# libFuzzer over every parser that takes outside input, FUZZ_SECONDS each (default 60).
# Inputs that crash are saved in Fuzz/crashes/; add them to Fuzz/corpus/<target>/ with the fix,
# and `make test` replays them for good.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := base32 secret uri time command lesson progress keyfile
fuzz:
	@scripts/install-deps test
	$(SWIFT) build -c release --scratch-path .build-fuzz --product otp-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	@mkdir -p Fuzz/crashes .build-fuzz/corpus
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$target; \
	  echo "== $$target ($(FUZZ_SECONDS) s)"; \
	  OTP_FUZZ_TARGET=$$target SWIFT_BACKTRACE=enable=no .build-fuzz/release/otp-fuzz .build-fuzz/corpus/$$target Fuzz/corpus/$$target \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=Fuzz/crashes/$$target- 2>&1 | grep -E 'stat::number_of_executed_units|property failed|Test unit written'; \
	done
	@if [ -n "$$(ls Fuzz/crashes)" ]; then echo "crashes found (see Fuzz/crashes):"; ls Fuzz/crashes; exit 1; fi

# The whole suite under AddressSanitizer, then ThreadSanitizer.
sanitize:
	@scripts/install-deps test
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	# Leak checking is off: XCTest and Foundation leave allocations at exit that are not ours.
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	# One test at a time: ThreadSanitizer slows everything 5-15x, and two cores shared by
	# parallel tests would push the terminal tests past their waits.
	# scripts/tsan-suppressions.txt: swift-subprocess's Mutex-guarded tables, invisible to TSan.
	TSAN_OPTIONS=suppressions=$(CURDIR)/scripts/tsan-suppressions.txt \
	  $(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread --no-parallel

# What ships: a release build with the Swift runtime linked in (--static-swift-stdlib), so it
# runs on a machine without the Swift toolchain; `install` strips it. Linked as a fixed-address
# (non-PIE) executable with unused sections dropped: the loader then has no 50,000 relative
# relocations to apply (and pages to copy) at every start. Measured on an empty --script:
# 7.3 -> 6.0 ms, 13.8 -> 12.7 MB peak memory.
STATIC := .build-static
STATIC_LINK := -Xswiftc -Xclang-linker -Xswiftc -no-pie -Xlinker --gc-sections
release:
	@scripts/install-deps run
	$(SWIFT) build $(RELEASE) --static-swift-stdlib $(STATIC_LINK) --scratch-path $(STATIC) --product otp-tutor

# The man page and the bash, zsh and fish completion scripts, written by swift-argument-parser
# from the command's own definition: the man page by its generate-manual tool (dated by the
# last commit, so the same source gives the same page), the scripts by the binary itself.
VERSION = $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/otp-tutor/OTPTutor.swift)
MANUAL_DATE = $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)
extras: release
	$(SWIFT) build $(RELEASE) --static-swift-stdlib $(STATIC_LINK) --scratch-path $(STATIC) --product generate-manual
	@mkdir -p $(STATIC)/extras
	$(STATIC)/release/generate-manual $(STATIC)/release/otp-tutor --output-directory $(STATIC)/extras \
	  --date $(MANUAL_DATE) --section 1 --authors "the otp-tutor authors"
	@for shell in bash zsh fish; do \
	  $(STATIC)/release/otp-tutor --generate-completion-script $$shell > $(STATIC)/extras/otp-tutor.$$shell || exit 1; \
	done

# Under PREFIX (default /usr/local): bin/otp-tutor, share/otp-tutor/{Lessons,Examples}, the man
# page and the completion scripts in the folders bash-completion, zsh and fish look in.
# DESTDIR stages it elsewhere (as `make deb` does).
install: extras
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/otp-tutor/Lessons \
	  $(DESTDIR)$(PREFIX)/share/otp-tutor/Examples/labs $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -s -m 0755 $(STATIC)/release/otp-tutor $(DESTDIR)$(PREFIX)/bin/otp-tutor
	install -m 0644 Lessons/*.md $(DESTDIR)$(PREFIX)/share/otp-tutor/Lessons/
	install -m 0644 Examples/*.transcript $(DESTDIR)$(PREFIX)/share/otp-tutor/Examples/
	install -m 0644 Examples/labs/* $(DESTDIR)$(PREFIX)/share/otp-tutor/Examples/labs/
	install -m 0644 $(STATIC)/extras/otp-tutor.1 $(DESTDIR)$(PREFIX)/share/man/man1/otp-tutor.1
	install -m 0644 $(STATIC)/extras/otp-tutor.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/otp-tutor
	install -m 0644 $(STATIC)/extras/otp-tutor.zsh $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_otp-tutor
	install -m 0644 $(STATIC)/extras/otp-tutor.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/otp-tutor.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/otp-tutor $(DESTDIR)$(PREFIX)/share/man/man1/otp-tutor.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/otp-tutor \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_otp-tutor \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/otp-tutor.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/otp-tutor

# A Debian package, otp-tutor_VERSION_ARCH.deb in .build-static: what `install` puts under /usr,
# with the runtime libraries it links as dependencies (dpkg-shlibdeps).
deb:
	rm -rf $(STATIC)/deb
	$(MAKE) install PREFIX=/usr DESTDIR=$(CURDIR)/$(STATIC)/deb
	scripts/build-deb $(STATIC)/deb $(VERSION) $(STATIC)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build .build-*/
