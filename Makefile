# cryptcheck: build, test and install. A new machine starts bare: `make setup` installs what
# the build and the tests need from Debian's packages.

SWIFT_BIN ?= /opt/swift/usr/bin
export PATH := $(SWIFT_BIN):$(PATH)
PREFIX ?= /usr/local
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# libssl-dev + pkg-config: the COpenSSL system library; openssl: fixtures and tests;
# python3: the registry generator and the JSON-Schema validator's venv; chromium-headless-shell
# and a Japanese font: the PDF report (--format pdf, report --output-dir); poppler-utils: reading
# it back (report verify uses pdftotext; the tests pdfinfo and pdfdetach); binutils
# (readelf), groff-base and man-db: the install test (the run path, the man pages); util-linux
# (unshare) also serves it. libsqlite3-dev: GRDB's SQLite (the inventory store, --store); libpq-dev:
# the CLibPQ system library (the shared inventory on PostgreSQL, --store postgresql://).
APT_PACKAGES := libssl-dev pkg-config openssl libsqlite3-dev libpq-dev python3 python3-venv ca-certificates util-linux gnutls-bin \
	nginx-light chromium-headless-shell poppler-utils fonts-ipafont-gothic binutils groff-base man-db \
	postgresql postfix dovecot-imapd dovecot-pop3d dovecot-managesieved slapd ldap-utils \
	mariadb-server prosody vsftpd openssh-server dropbear-bin
# Daemons that refuse to run as root (initdb, postgres) run in the STARTTLS tests as this user.
TEST_DAEMON_USER := cryptcheck-daemon
# Only `make fixtures` needs these (the fixtures are committed): ssh-keygen and keytool.
FIXTURE_PACKAGES := openssh-client default-jre-headless

.PHONY: setup build release static share test test-install lint format registry registry-check install dist demo demo-report golden clean fixtures bench-files bench-tls bench-fleet bench-render bench-observations bench-threads bench-attacks validator

# Installs the Debian packages in $(1) that are missing. A temporary policy-rc.d keeps the
# daemons they bring (nginx, ...) from starting as system services: tests run their own.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		placed=; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee /usr/sbin/policy-rc.d >/dev/null \
			&& $(SUDO) chmod 755 /usr/sbin/policy-rc.d && placed=1; fi; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
		status=$$?; [ -z "$$placed" ] || $(SUDO) rm -f /usr/sbin/policy-rc.d; exit $$status; \
	else echo "setup: Debian packages present: $(1)"; fi
endef

setup:
	$(call apt_install,$(APT_PACKAGES))
	@id -u $(TEST_DAEMON_USER) >/dev/null 2>&1 || $(SUDO) useradd --system --no-create-home --shell /usr/sbin/nologin $(TEST_DAEMON_USER)
	@command -v swift >/dev/null || { echo "swift not found in $(SWIFT_BIN)"; exit 1; }

# Warnings are errors (WERROR=0 turns that off while working), with the same flags for every
# build and test step so that `swift test` does not rebuild without them. CI and the README run
# the same `make test`.
WERROR ?= 1
SWIFT_FLAGS := $(if $(filter 1,$(WERROR)),-Xswiftc -warnings-as-errors)

build:
	swift build $(SWIFT_FLAGS)

release:
	swift build -c release

# A real JSON-Schema validator (PyPI's jsonschema) in a venv, for the tests that check the JSON,
# SARIF and CycloneDX outputs against their schemas.
VALIDATOR_VENV := .venv
validator:
	@[ -x $(VALIDATOR_VENV)/bin/python ] || python3 -m venv $(VALIDATOR_VENV)
	@$(VALIDATOR_VENV)/bin/python -c 'import jsonschema, referencing' 2>/dev/null \
		|| $(VALIDATOR_VENV)/bin/pip install -q 'jsonschema==4.26.0' 'referencing==0.37.0'

# The registry tables must match Registry/*.tsv; the list files must load.
test: registry-check build validator
	swift build --build-tests $(SWIFT_FLAGS)
	swift test $(SWIFT_FLAGS)
	./.build/debug/cryptcheck lists validate Lists/*.yaml
	$(MAKE) --no-print-directory test-install

# What swift-format checks (.swift-format): sources, tests, fuzz targets, the plugin and the
# manifests; the generated registry tables (`make registry`) are left as generated.
SWIFT_FORMAT ?= $(SWIFT_BIN)/swift-format
FORMAT_FILES = $(shell find Sources Tests Fuzz/Sources Plugins -name '*.swift' -not -path '*/Generated/*' | sort) \
	Package.swift Fuzz/Package.swift

# A component, role, strength family, protocol feature or remediation code compared with a string
# (`component == "cipher-suite"`, `role.rawValue == "key"`, `component.rawValue.hasSuffix(...)`):
# producers and renderers name the vocabulary's constants instead.
VOCABULARY_STRINGS := \b(component|role|family|feature|remediationCode)(\.rawValue)?[[:space:]]*(==|!=|~=)[[:space:]]*\"|\b(component|role|family|feature|remediationCode)\.rawValue\.(has(Prefix|Suffix)|contains)\(
# What crosses modules is `package`; `public` only where another package needs it (the fuzz
# targets' `*FuzzEntry` and `EscapedText`) or where a release build must specialise it in the
# caller's module (the `@inlinable` byte helpers: measured in ARCHITECTURE.md, Access).
PUBLIC_DECLARATION := ^[[:space:]]*(@[[:alnum:]_.]+(\([^)]*\))?[[:space:]]+)*(nonisolated[[:space:]]+)?public\b
PUBLIC_ALLOWED := FuzzEntry\.swift:|/CryptCheckModel/Support/(EscapedText|ByteWord|HexCode|DecimalText|UTCCalendar)\.swift:
# Imports against the table in ARCHITECTURE.md (and the checker's own test: it must be able to
# fail), the list files, no C pointers in non-private signatures, then the format.
lint: registry-check build
	python3 Scripts/lint/test_check_imports.py
	python3 Scripts/lint/check_imports.py
	./.build/debug/cryptcheck lists validate Lists/*.yaml
	@! grep -rnE '^\s*(public|package|open)\b.*(OpaquePointer|Unsafe(Mutable)?(Raw)?Pointer)' Sources --include='*.swift' \
		| grep -v '/CryptCheckOpenSSL/' || { echo "C pointers in non-private signatures"; exit 1; }
	@! grep -rnE "$(VOCABULARY_STRINGS)" Sources --include='*.swift' | grep -v '/CryptCheckModel/Vocabulary/' \
		|| { echo "a vocabulary compared as a string: name its constant (Sources/CryptCheckModel/Vocabulary/)"; exit 1; }
	@! grep -rnE "$(PUBLIC_DECLARATION)" Sources --include='*.swift' | grep -vE '$(PUBLIC_ALLOWED)' \
		|| { echo "public outside the fuzz package's way in and the specialised byte helpers: use package (ARCHITECTURE.md, Access)"; exit 1; }
	@echo "swift-format lint --strict ($(words $(FORMAT_FILES)) files)"
	@$(SWIFT_FORMAT) lint --strict $(FORMAT_FILES)
	@echo "lint: ok"

# Rewrites the files `make lint` checks in the style of .swift-format.
format:
	@echo "swift-format format -i ($(words $(FORMAT_FILES)) files)"
	@$(SWIFT_FORMAT) format -i $(FORMAT_FILES)

registry:
	python3 Scripts/generate-registry.py
	bash Scripts/generate-dh-groups.sh
	python3 Scripts/generate-curve-parameters.py

registry-check:
	python3 Scripts/generate-registry.py --check
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	OUT=$$scratch/KnownDHGroups.swift bash Scripts/generate-dh-groups.sh >/dev/null && \
	OUT=$$scratch/ExplicitCurveTable.swift python3 Scripts/generate-curve-parameters.py 2>/dev/null && \
	for f in KnownDHGroups ExplicitCurveTable; do \
	  cmp -s $$scratch/$$f.swift Sources/CryptCheckModel/Registry/Generated/$$f.swift || \
	  { echo "registry-check: Sources/CryptCheckModel/Registry/Generated/$$f.swift differs from what its generator writes (make registry)" >&2; exit 1; }; \
	done; echo "registry-check: DH groups and explicit curves match their generators"

# The installed binary: release, with the Swift standard library and Foundation (with ICU's data)
# linked in statically, so it runs where /opt/swift is absent; OpenSSL stays the system's libssl3.
# It is built in .build-static so that the normal release build (`make bench-*`) is not rebuilt.
STATIC_SCRATCH := .build-static
STATIC_BIN := $(STATIC_SCRATCH)/release/cryptcheck
static:
	swift build -c release --static-swift-stdlib --scratch-path $(STATIC_SCRATCH)

# What is installed beside the binary, generated from its argument parser into $(SHARE_STAGE) in
# the layout of PREFIX/share: one man page per command, made by swift-argument-parser's
# generate-manual (the tool its GenerateManual plugin runs, built here from the resolved checkout:
# the plugin would rebuild every product without --static-swift-stdlib), dated by the last
# commit; and the binary's own bash, zsh and fish completion scripts.
SHARE_STAGE := $(STATIC_SCRATCH)/share
GENERATE_MANUAL := $(STATIC_SCRATCH)/generate-manual/debug/generate-manual
MAN_DATE = $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)
share: static
	swift build --package-path $(STATIC_SCRATCH)/checkouts/swift-argument-parser \
		--scratch-path $(STATIC_SCRATCH)/generate-manual --product generate-manual
	rm -rf $(SHARE_STAGE)
	install -d $(SHARE_STAGE)/man/man1 $(SHARE_STAGE)/bash-completion/completions \
		$(SHARE_STAGE)/zsh/site-functions $(SHARE_STAGE)/fish/vendor_completions.d
	$(GENERATE_MANUAL) $(STATIC_BIN) --multi-page --date $(MAN_DATE) --output-directory $(SHARE_STAGE)/man/man1
	# A blank line between paragraphs of a command's discussion is a paragraph break (.Pp) in mdoc.
	sed -i 's/^$$/.Pp/' $(SHARE_STAGE)/man/man1/*.1
	$(STATIC_BIN) --generate-completion-script bash > $(SHARE_STAGE)/bash-completion/completions/cryptcheck
	$(STATIC_BIN) --generate-completion-script zsh > $(SHARE_STAGE)/zsh/site-functions/_cryptcheck
	$(STATIC_BIN) --generate-completion-script fish > $(SHARE_STAGE)/fish/vendor_completions.d/cryptcheck.fish

# PREFIX/bin/cryptcheck (stripped), PREFIX/share/man/man1/cryptcheck*.1 and the completions where
# bash-completion, zsh and fish look for them; DESTDIR stages the whole tree elsewhere.
define install_tree
	install -d $(1)/bin
	install -s -m 755 $(STATIC_BIN) $(1)/bin/cryptcheck
	find $(SHARE_STAGE) -type f | sort | while read -r f; do \
		install -D -m 644 "$$f" "$(1)/share/$${f#$(SHARE_STAGE)/}" || exit 1; done
endef
install: share
	$(call install_tree,$(DESTDIR)$(PREFIX))

# dist/cryptcheck-VERSION-linux-ARCH.tar.gz: the install tree (bin/, share/) with the README
# (and LICENSE, if there is one) under one folder, and its SHA-256 file. VERSION is the binary's.
DIST_DIR ?= dist
DIST_STAGE := $(STATIC_SCRATCH)/dist
dist: share
	rm -rf $(DIST_STAGE)
	$(call install_tree,$(DIST_STAGE)/tree)
	cp README.md $(DIST_STAGE)/tree/; if [ -f LICENSE ]; then cp LICENSE $(DIST_STAGE)/tree/; fi
	@set -e; version=$$($(STATIC_BIN) --version | awk '{print $$2}'); \
	name=cryptcheck-$$version-linux-$$(uname -m); mv $(DIST_STAGE)/tree $(DIST_STAGE)/$$name; mkdir -p $(DIST_DIR); \
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$$(git log -1 --format=%ct 2>/dev/null || date +%s) \
		-C $(DIST_STAGE) -cf - $$name | gzip -n -9 > $(DIST_DIR)/$$name.tar.gz; \
	cd $(DIST_DIR) && sha256sum $$name.tar.gz > $$name.tar.gz.sha256; \
	echo "$(DIST_DIR)/$$name.tar.gz"; cat $$name.tar.gz.sha256

# make install into a temporary DESTDIR, the binary run with /opt/swift hidden, the bash
# completion, the man pages and make dist (Scripts/test-install.sh).
test-install: build
	bash Scripts/test-install.sh .build/debug/cryptcheck

# The main job on the built-in demo: scan a local TLS server and the fixture certificates, keys
# and keystores, judge a saved scan, and show what changed between the list editions.
demo: setup build
	./.build/debug/cryptcheck lists
	@echo
	bash Scripts/demo-tls.sh .build/debug/cryptcheck
	@echo
	./.build/debug/cryptcheck scan Fixtures/files/certs Fixtures/files/pkcs12 Fixtures/files/ssh --password changeit --as-of 2026-11-30 || [ $$? -le 2 ]
	@echo
	./.build/debug/cryptcheck evaluate Fixtures/observations/demo.json --as-of 2026-11-30 --operation-end 2035 || [ $$? -le 2 ]
	@echo
	./.build/debug/cryptcheck lists diff LS-0001-2012 LS-0001-2022
	@echo
	$(MAKE) --no-print-directory demo-report

# The procurement report of the demo: local servers and fixture files, judged and written as
# out/report-ja.html, out/report-en.html, report.json, findings.csv, report.sarif, cbom.json, and
# report-ja.pdf, report-en.pdf (printed by the tool through headless Chromium, data attached).
demo-report: setup build
	bash Scripts/demo-report.sh .build/debug/cryptcheck out
	@for lang in ja en; do \
		echo "out/report-$$lang.pdf: $$(pdfinfo out/report-$$lang.pdf | awk '/^Pages:/ {p=$$2} /^Page size:/ {s=$$3"x"$$5" pt "$$7} END {print p" pages, "s}')"; \
	done

# Re-records the golden files of the report renderers (review the diff before committing). The
# recording run fails on purpose (a test never passes by writing its own expectation); the second
# run, without the variable, checks the new files.
golden: build
	-CRYPTCHECK_RECORD_GOLDEN=1 swift test --filter GoldenReportTests
	swift test --filter GoldenReportTests

# Regenerates Fixtures/files and its manifest (new keys each time; commit the result).
fixtures:
	$(call apt_install,$(FIXTURE_PACKAGES))
	bash Scripts/make-fixtures.sh

# Peak OS threads of a 3-endpoint TLS scan (three openssl s_server on loopback) and of a
# 20,000-file scan.
bench-threads: release
	bash Scripts/bench/bench_threads.sh .build/release/cryptcheck

# Scan speed against a Python/pyca reference walker on 20,000 files, and peak memory at 100,000.
BENCH_VENV := .venv-bench
bench-files: setup release
	@[ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/python -c 'import cryptography' 2>/dev/null || $(BENCH_VENV)/bin/pip install -q 'cryptography==48.0.0'
	python3 Scripts/bench/bench_files.py .build/release/cryptcheck $(BENCH_VENV)/bin/python --files 20000 --memory-files 100000 --distinct-files 5000 --runs 5

# Render time of one file's findings at about 1k, 10k and 100k findings, text and JSON (linear?).
bench-render: release
	python3 Scripts/bench/bench_render.py .build/release/cryptcheck --runs 3

# Time and peak memory to evaluate saved observation files of about 1, 10 and 100 MB.
bench-observations: release
	python3 Scripts/bench/bench_observations.py .build/release/cryptcheck --runs 3 --formats json,sarif,cbom,html

# Scan time of cryptcheck, sslscan and testssl.sh against the same local servers, in one run.
BENCH_TLS_PACKAGES := sslscan testssl.sh
bench-tls: setup release
	$(call apt_install,$(BENCH_TLS_PACKAGES))
	python3 Scripts/bench/bench_tls.py .build/release/cryptcheck --runs 3

# Time the active attack checks add to a full scan of a modern openssl s_server (median).
bench-attacks: release
	python3 Scripts/bench/bench_attacks.py .build/release/cryptcheck --runs 9

# A fleet: 200 endpoints (nginx, openssl s_server, gnutls-serv) over 127.0.1.x addresses, scanned
# end to end from a targets file; time, endpoints per second and peak memory at 50 and 200. Then
# the same 200 through the shared queue: a PostgreSQL of its own, `queue add`, 3 workers at once.
bench-fleet: setup release
	python3 Scripts/bench/bench_fleet.py .build/release/cryptcheck --endpoints 200 --runs 3
	python3 Scripts/bench/bench_fleet.py .build/release/cryptcheck --endpoints 200 --workers 3

# libFuzzer targets (Fuzz/, a package of its own) for every parser of untrusted bytes, built with
# AddressSanitizer in .build-fuzz so the normal build stays uninstrumented. `make fuzz` runs each
# for FUZZ_SECONDS and fails when one crashes, hangs or runs out of memory; the reproducer is in
# Fuzz/crashes/<Target>/. FUZZ_TARGETS=FuzzDER,FuzzTLS runs only those.
.PHONY: fuzz fuzz-build fuzz-smoke fuzz-seeds sanitize sanitize-address sanitize-thread
FUZZ_SECONDS ?= 60
FUZZ_BUILD_FLAGS := --package-path Fuzz --scratch-path .build-fuzz -c release \
	-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld

fuzz-build:
	swift build $(FUZZ_BUILD_FLAGS)

fuzz: fuzz-build
	python3 Scripts/fuzz.py --seconds $(FUZZ_SECONDS)

# What CI runs: every target builds and survives a few seconds of fuzzing.
fuzz-smoke:
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3

# Rewrites the committed seed corpora (Fuzz/corpus) from the fixtures, the lists and local TLS servers.
fuzz-seeds:
	python3 Scripts/fuzz-seeds.py

# The test suite under AddressSanitizer and under ThreadSanitizer, each in its own build folder;
# any sanitizer report fails the run. LeakSanitizer skips the few reports listed, with the reason
# for each, in Tests/Sanitizers/lsan.supp (the binaries the tests run inherit it).
sanitize: sanitize-address sanitize-thread

sanitize-address: registry-check validator
	swift build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp:print_suppressions=0 \
		swift test --skip-build --sanitize=address --scratch-path .build-asan

sanitize-thread: registry-check validator
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	swift test --skip-build --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .build-static dist out $(BENCH_VENV) $(VALIDATOR_VENV)
