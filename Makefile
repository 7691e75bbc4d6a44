# Two commands for a fresh machine (see README):
#   make demo   install into .venv from the lock file, ingest examples/, show the timeline
#   make test   install, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= chronicle.db

.PHONY: install demo test bench clean

# The stamp is rebuilt whenever the lock or the project metadata changes.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/chronicle ingest examples/ --db $(DB)
	$(BIN)/chronicle timeline --db $(DB)

test: install
	$(BIN)/python -m pytest

bench: install
	for b in extraction timex event_dates actors events dedup throughput serve; do $(BIN)/python bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
