"""`python -m pmm_rules` is `pmm-rules`."""

import sys

from .tools.cli import main

sys.exit(main())
