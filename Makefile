# ZonePlan: `make run` starts the demo, `make test` runs the suite. Needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench screenshots messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

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

bench: $(VENV)/.installed
	@test -n "$$DATABASE_URL" || (echo "set DATABASE_URL to a PostgreSQL database to benchmark"; exit 1)
	SECRET_KEY=bench $(BIN)/python bench/jobs_bench.py
	SECRET_KEY=bench $(BIN)/python manage.py seedbench --scale $${SCALE:-1}
	SECRET_KEY=bench $(BIN)/python bench/harness.py
	SECRET_KEY=bench $(BIN)/python bench/import_bench.py

screenshots: $(VENV)/.installed-dev
	$(BIN)/python tools/screenshots.py

messages: $(VENV)/.installed-dev
	DEBUG=true $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	DEBUG=true $(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache
