# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: install run test test-fast chromium lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# The server and the job queue's worker together; Ctrl-C stops both.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo --port $(PORT)
	@$(PY) manage.py worker & worker=$$!; trap "kill $$worker 2>/dev/null" INT TERM EXIT; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian package chromium…"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

lint: install
	$(VENV)/bin/ruff check mia bench
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

test: install chromium lint
	$(PY) -m pytest

bench: install
	$(PY) bench/report_pages.py

clean:
	rm -rf $(VENV) .pytest_cache
