# docctl — `make run` builds the example manual, `make test` runs the suite.
# Both first install the Debian packages docctl needs, when they are missing.

SYSTEM_PACKAGES := libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build release deps bench fuzz clean

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing missing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "make: system packages present ($(SYSTEM_PACKAGES))"; \
	fi

build: deps
	$(SWIFT) build

# The binary to install: optimised, with the Swift runtime linked in (no Swift toolchain needed
# where it runs; starts ~10 ms faster). Its resources (templates, clause trees) are the
# docctl_DocCtlCore.resources folder beside it: copy both.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product docctl
	@echo "make: $$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/docctl"

run: build
	$(SWIFT) run docctl check manual-src
	$(SWIFT) run docctl coverage manual-src
	$(SWIFT) run docctl build manual-src -o output
	@echo "make: open output/index.html in a browser"

test: deps
	$(SWIFT) test

bench: deps
	bash bench/run.sh

fuzz: deps
	bash fuzz/run.sh

clean:
	rm -rf .build output
