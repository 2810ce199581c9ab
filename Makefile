# The two commands the README promises, plus the benchmark and the Debian package.
#   make run    install what is missing, build, start the desktop program
#   make test   install what is missing, build, run every test through CTest
#   make bench  build and print the performance figures
#   make deb    build the Debian package build/default/auditsim_VERSION_amd64.deb
PRESET ?= default
BUILD  := build/$(PRESET)

.PHONY: deps build run test bench clean fuzz deb

deps:
	@scripts/install-deps

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

run: build
	$(BUILD)/auditsim $(ARGS)

test: build
	ctest --preset $(PRESET)

bench: build
	$(BUILD)/auditsim-bench

deb: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) --target deb

fuzz:
	@scripts/install-deps --dev
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz

clean:
	rm -rf build
