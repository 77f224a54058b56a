# docctl — `make run` builds the example manual, `make test` runs the suite.
# Both first install the Debian packages docctl needs, when they are missing.

SYSTEM_PACKAGES := libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev libjemalloc-dev pkg-config
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PREFIX ?= /usr/local
DESTDIR ?=
# Where the release build goes (`make install BUILD_PATH=/tmp/docctl-release` keeps it apart from
# the debug build of `swift build`, so that both can run at once).
BUILD_PATH ?= .build
# Static Swift libraries: FoundationNetworking (linked into docctl-serve through the preview
# server's HTTP library) needs the system's libcurl named explicitly; docctl itself links neither
# (the linker leaves an unused -lcurl out: --as-needed).
# jemalloc replaces glibc's malloc in the release programs: a build makes and frees millions of
# small objects, and glibc's malloc spent a quarter of a 1000-document build's processor time in its
# bins (BENCHMARKS.md, session 11); the debug build and the tests keep glibc's.
RELEASE_LINK := --static-swift-stdlib -Xlinker --as-needed -Xlinker -lcurl -Xlinker -ljemalloc
RELEASE := $(SWIFT) build -c release $(RELEASE_LINK) --scratch-path $(BUILD_PATH)

.PHONY: run test build release release-link install man deps bench fuzz clean

# The release programs' link options (bench/run.sh builds with the same).
release-link:
	@echo $(RELEASE_LINK)

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
# where it runs; starts ~10 ms faster). Clause trees, schemas, templates and assets are compiled
# into it: the one file is all docctl needs (besides libxml2 and cmark-gfm). `docctl serve` starts
# the second program, docctl-serve, installed next to it.
release: deps
	$(RELEASE) --product docctl
	$(RELEASE) --product docctl-serve
	@echo "make: $$($(RELEASE) --show-bin-path)/docctl and docctl-serve"

# The man page, from the command definitions (swift-argument-parser's generate-manual plugin, run
# on the debug build so that it leaves the static release binary alone).
# The plugin builds docctl and the generate-manual tool; the page is then written again by
# scripts/man-page.py, because the tool drops every non-ASCII character of the help texts (草稿, 分发号).
man: deps
	$(SWIFT) package generate-manual --configuration debug
	@mkdir -p .build/man
	python3 scripts/man-page.py "$$(find .build -name generate-manual-tool -type f -perm -u+x | head -1)" \
	  "$$($(SWIFT) build --show-bin-path)/docctl" .build/man
	@echo "make: .build/man/docctl.1"

# make install [PREFIX=/usr/local] [DESTDIR=…]: the binary, bash/zsh/fish completions, the man page.
install: man release
	@bin="$$($(RELEASE) --show-bin-path)/docctl"; \
	set -e; \
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"; \
	install -m 755 "$$bin" "$(DESTDIR)$(PREFIX)/bin/docctl"; \
	install -m 755 "$$bin-serve" "$(DESTDIR)$(PREFIX)/bin/docctl-serve"; \
	"$$bin" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/docctl"; \
	"$$bin" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_docctl"; \
	"$$bin" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/docctl.fish"; \
	install -m 644 .build/man/docctl.1 "$(DESTDIR)$(PREFIX)/share/man/man1/docctl.1"; \
	echo "make: installed $(DESTDIR)$(PREFIX)/bin/docctl ($$("$$bin" --version)) and docctl-serve, completions and man page"

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
