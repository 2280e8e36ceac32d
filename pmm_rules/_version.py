"""The version of pmm_rules: the one place it is written (pyproject.toml, the CLI and the receipt read it)."""

__version__ = "0.2.0"
