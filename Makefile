# The two commands of Xianjie. See README.md.
#   make demo   install what is missing, build, create a demo province and show its summary
#   make test   install what is missing, build with sanitizers, run every test CI runs
.PHONY: demo test deps build release fuzz-build fuzz-run bench clean

DEMO_DIR ?= demo
DEMO_HOUSEHOLDS ?= 20000
JOBS ?= $(shell nproc)

demo: release
	./build/release/xianjie demo --dir $(DEMO_DIR) --households $(DEMO_HOUSEHOLDS)

test:
	scripts/install-deps.sh test
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev
	$(MAKE) fuzz-run

build:
	scripts/install-deps.sh build
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)

release:
	scripts/install-deps.sh demo
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target xianjie

fuzz-build:
	scripts/install-deps.sh test
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)

# A short run of every fuzz target (longer runs: bench/fuzz.sh).
fuzz-run: fuzz-build
	ctest --preset fuzz

bench: release
	scripts/install-deps.sh bench
	bench/import_bench.sh
	bench/screen_bench.sh

clean:
	rm -rf build
