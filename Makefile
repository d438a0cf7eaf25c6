# The two commands of Xianjie. See README.md.
#   make demo   install what is missing, build, create a demo province and serve the web UI
#   make test   install what is missing, build with sanitizers, run every test CI runs
.PHONY: demo test deps build release web fuzz-build fuzz-run bench clean

DEMO_DIR ?= demo
DEMO_HOUSEHOLDS ?= 50000
DEMO_LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

demo: release web
	./build/release/xianjie demo --dir $(DEMO_DIR) --households $(DEMO_HOUSEHOLDS)
	@echo "Open http://$(DEMO_LISTEN) and log in as one of the users above ($(DEMO_DIR)/users.txt)."
	./build/release/xianjie serve --db $(DEMO_DIR)/xianjie.db --listen $(DEMO_LISTEN) --web web/dist \
	    --access-log $(DEMO_DIR)/access.log

# The UI's unit tests run here; the browser tests run in CTest (label e2e) against web/dist.
test:
	scripts/install-deps.sh test
	scripts/build-web.sh --test
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev
	$(MAKE) fuzz-run

web:
	scripts/install-deps.sh demo
	scripts/build-web.sh

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

# A short run of every fuzz target, two at a time (longer runs: bench/fuzz.sh).
fuzz-run: fuzz-build
	ctest --preset fuzz

bench: release
	scripts/install-deps.sh bench
	bench/import_bench.sh
	bench/screen_bench.sh
	bench/server_bench.sh

clean:
	rm -rf build
