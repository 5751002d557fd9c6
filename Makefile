# cryptcheck: build, test and install. A new machine starts bare: `make setup` installs what
# the build and the tests need from Debian's packages.

SWIFT_BIN ?= /opt/swift/usr/bin
export PATH := $(SWIFT_BIN):$(PATH)
PREFIX ?= /usr/local
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# libssl-dev + pkg-config: the COpenSSL system library; openssl: fixtures and tests;
# python3: the registry generator.
APT_PACKAGES := libssl-dev pkg-config openssl python3 ca-certificates

.PHONY: setup build release test lint registry registry-check install demo clean

setup:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "setup: all Debian packages present"; fi
	@command -v swift >/dev/null || { echo "swift not found in $(SWIFT_BIN)"; exit 1; }

build:
	swift build

release:
	swift build -c release

# The registry tables must match Registry/*.tsv; the list files must load.
test: registry-check build
	swift build --build-tests
	swift test
	./.build/debug/cryptcheck lists validate Lists/*.yaml

lint: registry-check build
	./.build/debug/cryptcheck lists validate Lists/*.yaml
	@! grep -rnE '^\s*(public|package|open)\b.*(OpaquePointer|Unsafe(Mutable)?(Raw)?Pointer)' Sources --include='*.swift' \
		| grep -v '/CryptCheckOpenSSL/' || { echo "C pointers in non-private signatures"; exit 1; }
	@echo "lint: ok"

registry:
	python3 Scripts/generate-registry.py

registry-check:
	python3 Scripts/generate-registry.py --check

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/cryptcheck $(DESTDIR)$(PREFIX)/bin/cryptcheck

# The main job on the built-in demo input: judge a saved scan of a legacy TLS server and two
# key files against the current list, then show what changed between the list editions.
demo: setup build
	./.build/debug/cryptcheck lists
	@echo
	./.build/debug/cryptcheck evaluate Fixtures/observations/demo.json --as-of 2026-11-30 || [ $$? -le 2 ]
	@echo
	./.build/debug/cryptcheck lists diff LS-0001-2012 LS-0001-2022

clean:
	rm -rf .build out
