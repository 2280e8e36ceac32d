"""A vocabulary file of your own: every identifier and fact path your rules may use, checked like any input."""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidInput, sort_problems
from ..model import Vocabulary, VocabularyFile, vocabulary_from_data
from ._inputs import read_yaml
from ._pydantic import model_problems
from ._shape import shape_problems


def load_vocabulary(path: str | Path) -> Vocabulary:
    """The vocabulary in a YAML file (for rule bases that add laws, provisions or facts of their own); the
    bundled one is `default_vocabulary()`. `InvalidInput` lists every problem with its place."""
    located = read_yaml(path)
    problems = [*located.problems, *shape_problems(located, "vocabulary")]
    if not problems:
        problems = model_problems(located, VocabularyFile)[1]
    if problems:
        raise InvalidInput(sort_problems(problems), what=str(path))
    return vocabulary_from_data(located.data)
