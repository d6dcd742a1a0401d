# ZonePlan: `make run` starts the demo, `make test` runs the suite. Needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench screenshots messages clean prodcheck lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed from the locks: every package at the version tested, checked against its hash.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.installed

# Renew the locks from requirements*.txt (the direct dependencies); commit the result.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed-dev
	$(PIP_COMPILE) --upgrade -o requirements.lock requirements.txt
	$(PIP_COMPILE) --upgrade -c requirements.lock -o requirements-dev.lock requirements-dev.txt

# The production stack on this machine (nginx, two gunicorn, two workers, beat, PostgreSQL, Redis, DEBUG off),
# checked through nginx in headless Chromium; needs Debian's nginx and chromium. See tools/prodcheck.py.
prodcheck: $(VENV)/.installed-dev
	$(BIN)/python tools/prodcheck.py

run: export DEBUG ?= true
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py rundemo

# Two processes on a 2-core machine (pytest-xdist); PYTEST_ARGS="-p no:xdist" runs in one.
PYTEST_ARGS ?= -n auto
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(VENV)/.installed
	@test -n "$$DATABASE_URL" || (echo "set DATABASE_URL to a PostgreSQL database to benchmark"; exit 1)
	SECRET_KEY=bench $(BIN)/python bench/jobs_bench.py
	SECRET_KEY=bench $(BIN)/python bench/seedbench.py --scale $${SCALE:-1}
	SECRET_KEY=bench $(BIN)/python bench/harness.py
	SECRET_KEY=bench $(BIN)/python bench/import_bench.py

screenshots: $(VENV)/.installed-dev
	$(BIN)/python tools/screenshots.py

messages: $(VENV)/.installed-dev
	DEBUG=true $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	DEBUG=true $(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache
