"""The one road by which input reaches pmm_rules: files, folders, JSON Lines, stdin and the bundled resources.

Everything read from outside goes through here, so that one place decides what a readable input is (a regular
file, UTF-8, at most MAX_FILE_BYTES per document, read with that limit rather than trusting the size the file
system reports) and turns every failure into a `Problem` with the file and place, never a traceback. What the
text means is decided further on: `_yaml` parses, `_cases` and `_rulebase` check.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InvalidInput, Message, Problem, Text, msg
from ..model import Vocabulary, vocabulary_from_data
from ._yaml import MAX_FILE_BYTES, Located, from_data, json_constant, json_int, json_object, load_text

YAML_SUFFIXES = (".yaml", ".yml")
CASE_SUFFIXES = (*YAML_SUFFIXES, ".json")
JSON_LINES_SUFFIX = ".jsonl"


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _unreadable(shown: str, code: str, message: Text, hint: Text | None = None) -> InvalidInput:
    return InvalidInput([Problem.from_text(shown, 1, 1, code, message, hint=hint)], what=shown)


def _os_reason(exc: OSError) -> Message:
    """Why the system could not read a file: the common reasons in our words, others as the system gives them."""
    known = {errno.ENOENT: "missing", errno.EACCES: "access", errno.EPERM: "access", errno.EISDIR: "folder",
             errno.ELOOP: "loop", errno.ENAMETOOLONG: "name"}
    reason = known.get(exc.errno or 0)
    return msg("problem.file-unreadable", reason=msg(f"says.os.{reason}") if reason else exc.strerror or str(exc))


def open_regular(path: str | Path) -> int:
    """A file descriptor of a regular file, opened without blocking (a FIFO would wait for a writer forever) and
    checked on the open file itself (so a file swapped after a check cannot slip through); `InvalidInput` for a
    device (`/dev/zero`), a FIFO, a socket or a folder, also behind a symbolic link."""
    shown = str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(shown, "file-unreadable", _os_reason(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:  # pragma: no cover - fstat on an open descriptor does not fail in practice
        os.close(fd)
        raise _unreadable(shown, "file-unreadable", _os_reason(exc)) from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = ("folder" if stat.S_ISDIR(mode) else "fifo" if stat.S_ISFIFO(mode)
                else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "socket" if stat.S_ISSOCK(mode)
                else "other")
        raise _unreadable(shown, "file-not-regular", msg("problem.file-not-regular", kind=msg(f"says.file.{kind}")),
                          msg("hint.file-not-regular"))
    return fd


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them (read with that limit: `/proc` files report size 0,
    and a file may grow while it is read); `InvalidInput` with the place of the problem if not."""
    shown = str(path)
    fd = open_regular(path)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except BlockingIOError:  # pragma: no cover - regular files never block
                continue
            except OSError as exc:
                raise _unreadable(shown, "file-unreadable", _os_reason(exc)) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _unreadable(shown, "file-too-large", msg("problem.file-too-large", kib=limit // 1024),
                                  msg("hint.file-too-large"))
    finally:
        os.close(fd)
    return b"".join(chunks)


def _decode(raw: bytes, shown: str, first_line: int = 1) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + first_line
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InvalidInput([Problem.from_text(shown, line, column, "file-encoding", msg("problem.file-encoding"),
                                              hint=msg("hint.file-encoding"))], what=shown) from None


def read_text(path: str | Path) -> str:
    """The text of a file (UTF-8, at most MAX_FILE_BYTES); `InvalidInput` with the place of the problem if not."""
    return _decode(read_bytes(path), str(path))


def read_yaml(path: str | Path) -> Located:
    """A YAML file parsed strictly (no code, no duplicate keys), with the line and column of every value."""
    return load_text(read_text(path), str(path))


def _loads(text: str) -> Any:
    """JSON as strictly as YAML is read: `NaN`, `Infinity` and numbers of hundreds of digits are marked for
    `from_data` to report, and so are keys given twice (json.loads would keep the last silently)."""
    return json.loads(text, object_pairs_hook=json_object, parse_int=json_int, parse_constant=json_constant)


# What Python's JSON reader says (in English), and what we say instead.
_JSON_SLIPS = (("Expecting value", "value"), ("Expecting ',' delimiter", "comma"), ("Expecting ':'", "colon"),
               ("Expecting property name", "name"), ("Unterminated string", "string"), ("Extra data", "extra"),
               ("Invalid control character", "control"), ("Invalid \\escape", "escape"))


def _json_slip(reason: str) -> Message:
    for start, key in _JSON_SLIPS:
        if reason.startswith(start):
            return msg(f"says.json.{key}")
    return msg("says.json.other", reason=reason)


def _json_problem(exc: ValueError | RecursionError, file: str, line: int | None = None) -> Problem:
    if isinstance(exc, json.JSONDecodeError):
        return Problem.from_text(file, exc.lineno if line is None else line, exc.colno, "json-syntax",
                                 msg("problem.json-syntax", detail=_json_slip(exc.msg)))
    if isinstance(exc, RecursionError):
        return Problem.from_text(file, line or 1, 1, "too-deep", msg("problem.too-deep.json"),
                                 hint=msg("hint.too-deep.json"))
    unreadable = msg("problem.json-syntax.unreadable")
    return Problem.from_text(file, line or 1, 1, "json-syntax", unreadable)  # pragma: no cover


def json_located(text: str, file: str) -> Located:
    """A JSON document as located data; a syntax error becomes a problem at its line and column."""
    try:
        data = _loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidInput([_json_problem(exc, file)], what=file) from None
    return from_data(data, file)


def read_document(path: str | Path) -> Located:
    """A case-like document from a YAML or JSON file (by its suffix)."""
    path = Path(path)
    if path.suffix == ".json":
        return json_located(read_text(path), str(path))
    return read_yaml(path)


STDIN = "<stdin>"
"""How a document read from standard input (`-` on the command line) is named in problems."""


def read_stdin_document(stream: BinaryIO) -> Located:
    """A case-like document from standard input: JSON when its first character is `{` or `[`, YAML otherwise (as
    with a file, at most MAX_FILE_BYTES, UTF-8); problems name `<stdin>` with the line."""
    raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise _unreadable(STDIN, "file-too-large", f"the input is larger than {MAX_FILE_BYTES // 1024} KiB",
                          "split it into several cases")
    text = _decode(raw, STDIN)
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return json_located(text, STDIN)
    return load_text(text, STDIN)


def json_lines(path: Path, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """(line number, data) for each non-empty line of a JSON Lines file; lines that cannot be read (not UTF-8,
    longer than MAX_FILE_BYTES, not JSON) go to `problems` with their line, and the lines after them are read."""
    shown = str(path)
    try:
        handle = os.fdopen(open_regular(path), "rb")
    except InvalidInput as exc:
        problems.extend(exc.problems)
        return
    with handle:
        for number in range(1, 1 << 62):
            raw = handle.readline(MAX_FILE_BYTES + 1)
            if not raw:
                return
            if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # the rest of the line, a piece at a time
                    raw = handle.readline(1 << 20)
                problems.append(Problem.from_text(shown, number, 1, "line-too-large",
                                                  msg("problem.line-too-large", kib=MAX_FILE_BYTES // 1024),
                                                  hint=msg("hint.line-too-large")))
                continue
            try:
                line = _decode(raw, shown, number)
            except InvalidInput as exc:
                problems.extend(exc.problems)
                continue
            if not line.strip():
                continue
            try:
                yield number, _loads(line)
            except (ValueError, RecursionError) as exc:
                problems.append(_json_problem(exc, shown, number))


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link that loops, a folder we may not read
        return False


def _walk(folder: Path, wanted: Callable[[Path], bool], problems: list[Problem] | None) -> list[Path]:
    """The files below a folder that `wanted` accepts, sorted (so runs are reproducible). A symbolic link that
    leads out of the folder is not followed: it is reported (when `problems` is given) and left out, so that a
    folder handed over cannot make pmm-rules read a file outside it."""
    out = []
    for path in sorted(folder.rglob("*")):
        if not wanted(path):
            continue
        if path.is_symlink() and not _inside(path, folder):
            if problems is not None:
                problems.append(Problem.from_text(str(path), 1, 1, "path-outside-root",
                                                  msg("problem.path-outside-root", folder=folder),
                                                  hint=msg("hint.path-outside-root")))
            continue
        if path.is_file():
            out.append(path)
    return out


def expand(paths: Sequence[str | Path], problems: list[Problem] | None = None) -> list[Path]:
    """Files named, and the YAML files in folders named (sorted, so runs are reproducible)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(_walk(path, lambda p: p.suffix in YAML_SUFFIXES, problems))
        else:
            out.append(path)
    return out


def case_files(paths: Sequence[str | Path], problems: list[Problem] | None = None) -> Iterator[Path]:
    """Files named, and the case files (YAML, JSON, JSON Lines) in folders named, recursively and sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, lambda p: p.suffix in (*CASE_SUFFIXES, JSON_LINES_SUFFIX), problems)
        else:
            yield path


# The top-level key that tells what a pmm_rules file is, read without parsing the file.
_KIND_KEYS = {"rules:": "rule", "nodes:": "graph", "edges:": "graph", "scenarios:": "scenario", "members:": "case"}


def file_kind(path: Path) -> str | None:
    """rule, graph, scenario or case for a pmm_rules YAML file (by its top-level keys); None for another file."""
    if path.suffix not in YAML_SUFFIXES:
        return None
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                kind = _KIND_KEYS.get(line.split(" ", 1)[0].rstrip())
                if kind is not None:
                    return kind
    except OSError:
        return None
    return None


def looks_like_scenario_file(path: Path) -> bool:
    """A YAML file whose top level has a `scenarios:` key (read cheaply, without parsing the file)."""
    try:
        text = read_bytes(path).decode("utf-8", errors="replace")
    except InvalidInput:
        return False
    return any(line.startswith("scenarios:") for line in text.splitlines())


def scenario_paths(paths: Sequence[str | Path], problems: list[Problem] | None = None) -> list[Path]:
    """Files named, and the scenario files in folders named."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(p for p in expand([path], problems) if looks_like_scenario_file(p))
        else:
            out.append(path)
    return out


# ---------------------------------------------------------------- where a scenario may read its cases


class PathRefused(ValueError):
    """A path in a file that leads where that file may not read; `message` says why, in either language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


def default_roots() -> tuple[Path, ...]:
    """Where scenario files may read case files when nobody says otherwise: the working directory (the project
    `pmm-rules` runs in), and everything below it."""
    return (Path.cwd(),)


def resolve_below(base_file: str | Path, relative: str, roots: Sequence[Path] | None = None) -> Path:
    """The file a path written in `base_file` names (relative to that file's folder), if it lies below one of the
    `roots` once `..` and symbolic links are resolved; `PathRefused` (before anything is opened) if not, and for
    an absolute path."""
    if os.path.isabs(relative) or Path(relative).is_absolute() or relative.startswith("\\"):
        raise PathRefused(msg("problem.case-path-refused.absolute", path=relative))
    candidate = Path(base_file).parent / relative
    allowed = tuple(roots) if roots is not None else default_roots()
    if not any(_inside(candidate, root) for root in allowed):
        shown = ", ".join(str(r) for r in allowed)
        raise PathRefused(msg("problem.case-path-refused.outside", path=relative, roots=shown))
    return candidate


# ---------------------------------------------------------------- bundled resources


def _resource(name: str) -> Path:
    return Path(str(resources.files("pmm_rules").joinpath(name)))


def bundled_paths() -> list[Path]:
    """The rule and graph files shipped in the package."""
    return [path for folder in ("rulesets", "graph") for path in sorted(_resource(folder).glob("*.yaml"))]


def bundled_scenario_paths() -> list[Path]:
    """The scenario files shipped in the package."""
    return sorted(_resource("scenarios").glob("*.yaml"))


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema `name` (one of `pmm_rules.model.SCHEMA_NAMES`)."""
    from ..model import SCHEMA_NAMES

    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    result: dict[str, Any] = json.loads(_resource(f"schemas/{name}.json").read_text(encoding="utf-8"))
    return result


@cache
def default_vocabulary() -> Vocabulary:
    """The bundled vocabulary (read once per process)."""
    text = _resource("vocabulary.yaml").read_text(encoding="utf-8")
    return vocabulary_from_data(load_text(text, "pmm_rules/vocabulary.yaml").data)
