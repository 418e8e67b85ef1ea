# Two commands do all the set-up on a fresh Debian machine:
#   make lab    create .venv, install everything, start JupyterLab on the course
#   make test   the same set-up, then the whole test suite
#   make test-fast   the quick loop: the suite without the slow groups
# Options: make lab COURSE_LANG=zh   make test PYTEST_ARGS="-k grading"

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
COURSE_LANG ?= en
PYTEST_ARGS ?=
SYSTEM_PACKAGES := fonts-noto-cjk chromium bubblewrap postgresql

.PHONY: lab test test-fast test-fuzz test-image student-env setup system-deps bench demo lint release clean site

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "system packages present:$(SYSTEM_PACKAGES)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "NOTE: cannot install$$missing (needs root and apt-get)."; \
	  echo "      Chinese plot labels need fonts-noto-cjk; the browser tests need chromium."; \
	  echo "      Run: sudo apt-get install$$missing"; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

# Browser assets the slides and the website serve themselves (vendor/package.json, npm).
VENDOR_STAMP := vendor/node_modules/.installed
$(VENDOR_STAMP): vendor/package.json vendor/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	  fi; }
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix vendor --ignore-scripts --no-audit --no-fund --loglevel=error \
	  && touch $(VENDOR_STAMP); \
	else echo "NOTE: npm is missing (apt-get install npm): crm-course slides and site need it"; fi

# configurable-http-proxy for `crm-course hub` (JupyterHub's proxy), from npm.
CHP_VERSION := 5.3.0
CHP := $(VENV)/node/node_modules/.bin/configurable-http-proxy
$(CHP): | $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node \
	    configurable-http-proxy@$(CHP_VERSION); \
	else echo "NOTE: npm is missing: crm-course hub needs configurable-http-proxy (npm)"; fi

# The students' environment of `crm-course hub` (the course without the grader; the hub
# tests use it): built once, then only brought up to date when course/ changes.
student-env: $(STAMP)
	$(PY) autograder/hub/studentenv.py --env .venv-student

setup: system-deps $(STAMP) $(CHP) student-env $(VENDOR_STAMP)

lab: setup
	$(VENV)/bin/crm-course lab --lang $(COURSE_LANG)

test: setup
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# The quick loop: everything but the groups marked slow (notebooks executed, classes
# graded, nbgrader runs, the browser); a few minutes on 2 cores.
test-fast: setup
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n 2 --dist loadgroup -m "not slow and not fuzz and not image" $(PYTEST_ARGS)

# The full fuzzed batch: 1,000 mutated submissions graded in one run (~8 minutes on 2 cores).
test-fuzz: setup
	$(PY) -m pytest -m fuzz -s tests/test_fuzz.py $(PYTEST_ARGS)

# The students' image files (binder/) installed into a fresh environment (5-8 minutes:
# every requirement is installed again).
test-image: setup
	$(PY) -m pytest -m image tests/test_k8s.py $(PYTEST_ARGS)

# Every benchmark but the (long) grading one: chapter 5's and each chapter's widgets.
bench: setup
	$(PY) benchmarks/bench_rfm.py
	for script in benchmarks/bench_widgets*.py; do $(PY) $$script || exit 1; done

demo: setup
	$(VENV)/bin/crm-course demo

release: setup
	$(VENV)/bin/crm-course release

# The bilingual course website in build/site (offline; every lecture executed).
site: setup
	$(VENV)/bin/crm-course site

clean:
	rm -rf $(VENV) grading build *.egg-info
