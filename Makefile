# The two commands of the README:
#   make demo   set up .venv if needed and check the sample drafts in examples/
#   make test   set up .venv with dev tools if needed and run ruff, mypy and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint format eval probes docs bench bench-store clean lock docs/precedence.md  # generated, always rebuilt

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Runtime dependencies at the versions of requirements.lock (make lock refreshes it).
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	@for f in examples/*.txt; do \
		$(BIN)/toon-check "$$f" $$(cat "$${f%.txt}.args" 2>/dev/null); \
		echo; \
	done; true

test: $(VENV)/.installed
	bash scripts/ensure-redis.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: $(VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/eval/score.py ../shared/eval/dev.jsonl

probes: $(VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/eval/score.py tests/fixtures/probes/*.jsonl

docs: $(VENV)/.installed
	$(BIN)/toon-check --list-rules --format markdown > docs/rules.md
	$(BIN)/python -m checks.coverage > docs/coverage.md
	$(MAKE) docs/precedence.md

bench: $(VENV)/.installed
	$(BIN)/python bench/checker.py

# Each store operation's latency at 0, 100,000 and 1,000,000 records (SIZES=0,10000 to shorten).
SIZES ?= 0,100000,1000000
bench-store: $(VENV)/.installed
	$(BIN)/python bench/store.py --sizes $(SIZES)

# Pin the runtime dependencies as installed in .venv (after make test passed with them).
lock: $(VENV)/.installed
	$(BIN)/python scripts/lock.py > requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

# The precedence table between categories, generated from checks/data/precedence.toml.
docs/precedence.md: $(VENV)/.installed
	$(BIN)/python -c "from checks.precedence import precedence_markdown as m; print(m(), end='')" > $@
