"""`python -m pmm_rules` is `pmm-rules`."""

from .tools.cli import run

run()
