# Latitudes — `make run` to try it, `make test` to check it. See README.md.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
DATABASE ?= sqlite:var/latitudes.db
HOST ?= 127.0.0.1
PORT ?= 8080
CONTACT_EMAIL ?= contact@demo.latitudes.org

.PHONY: run test build deps bench mutants clean

deps:
	scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j$(JOBS)

# Installs, builds, migrates, seeds the demo data (only into an empty database) and serves.
# The documents' server key: var/file.key (64 hex digits, mode 0600), made once if missing, given to
# seed (the demo documents) and serve. Keep it: documents stored with it open with it only.
FILE_KEY ?= var/file.key
run: build
	@mkdir -p $(dir $(FILE_KEY))
	@[ -s $(FILE_KEY) ] || (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > $(FILE_KEY) && echo >> $(FILE_KEY) && echo "created $(FILE_KEY)")
	$(BUILD_DIR)/latitudes migrate --database $(DATABASE)
	$(BUILD_DIR)/latitudes seed --demo --database $(DATABASE) --file-key-file $(FILE_KEY)
	$(BUILD_DIR)/latitudes serve --dev --database $(DATABASE) --host $(HOST) --port $(PORT) --contact-email $(CONTACT_EMAIL) --file-key-file $(FILE_KEY)

# Installs, builds and runs every test: unit, HTTP on SQLite and PostgreSQL 15, browser.
test:
	scripts/test.sh

bench:
	scripts/bench.sh

# Planted faults, one at a time, in a copy of the tree (build/mutants/): every one must be caught.
mutants: build
	scripts/mutants.py

clean:
	rm -rf $(BUILD_DIR)
