"""A progress bar for batches on stderr: `[#####-----] 120/400 casussen`, redrawn in place.

It is for a person watching a terminal, so the command line draws it only when stderr is one (or on --progress),
never on stdout, and at most ten times a second, so that drawing never slows a batch of small cases down.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..errors import InvalidInput
from ..labels import Lang, label
from ..load import JSON_LINES_SUFFIX, case_files, open_regular

_WIDTH = 30
_INTERVAL = 0.1  # seconds between two drawings


class Progress:
    """Counts cases and draws the bar on `stream`; `clear` wipes it before other output goes to the same terminal."""

    def __init__(self, stream: TextIO, total: int | None, lang: Lang = "nl") -> None:
        self.stream, self.total, self.lang = stream, total, lang
        self.count = 0
        self._drawn = 0  # width of the line on the terminal now
        self._last = 0.0

    def step(self, count: int = 1) -> None:
        self.count += count
        now = time.monotonic()
        if now - self._last >= _INTERVAL:
            self._last = now
            self._draw()

    def clear(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0

    def done(self) -> None:
        """The last drawing: every input is dealt with now, also those that were no case (reported elsewhere)."""
        if self.total is not None:
            self.count = max(self.count, self.total)
        self._draw()
        self.stream.write("\n")
        self.stream.flush()
        self._drawn = 0

    def _draw(self) -> None:
        noun = label("signals.cases", self.lang)
        if self.total:
            filled = min(_WIDTH, _WIDTH * self.count // self.total)
            text = f"[{'#' * filled}{'-' * (_WIDTH - filled)}] {self.count}/{self.total} {noun}"
        else:
            text = f"{self.count} {noun}"
        self.stream.write("\r" + text + " " * max(0, self._drawn - len(text)))
        self.stream.flush()
        self._drawn = max(self._drawn, len(text))


def count_inputs(paths: Sequence[str | Path]) -> int | None:
    """How many cases the inputs hold, cheaply (for the progress bar); None if unknown."""
    total = 0
    for file in case_files(paths):
        if file.suffix == JSON_LINES_SUFFIX:
            try:
                with os.fdopen(open_regular(file), "rb") as handle:  # bytes: a bad byte is the reader's to report
                    total += sum(1 for line in handle if line.strip())
            except (OSError, InvalidInput):
                return None
        else:  # a case file; a file named on the command line is read as a case whatever its suffix
            total += 1
    return total
