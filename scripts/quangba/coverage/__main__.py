"""`python -m quangba.coverage`: the coverage command on its own (used by bench/coverage_bench.py)."""

from quangba.coverage.cli import coverage

coverage(prog_name="quangba coverage")
