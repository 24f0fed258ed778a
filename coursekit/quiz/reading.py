"""Reading a quiz file: YAML or JSON, where a key written twice is an error, not a
silent overwrite (``correct: true`` then ``correct: false`` would mark an option wrong)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .question import QuizFileError


class _RepeatedKey(Exception):
    def __init__(self, key, line: int, first_line: int):
        super().__init__(key)
        self.key, self.line, self.first_line = key, line, first_line


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key repeated in one mapping is an error
    (plain YAML keeps the last value, so ``correct: true`` then ``correct: false``
    would silently mark an option wrong)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            first_lines = {}
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *base" merges, and later keys may override it
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    first = first_lines.setdefault(key, line)
                except TypeError:
                    continue  # an unhashable key: the base class reports it
                if first != line:
                    raise _RepeatedKey(key, line, first)
        return super().construct_mapping(node, deep=deep)


def _reject_repeated_json_keys(pairs):
    keys = [key for key, _value in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise _RepeatedKey(repeated[0], 0, 0)
    return dict(pairs)


def read_quiz_file(path: Path | str):
    """The raw data of a quiz file; syntax errors and repeated keys become QuizFileError."""
    path = Path(path)
    if not path.is_file():
        raise QuizFileError(f"{path}: quiz file not found")
    text = path.read_text(encoding="utf-8-sig")
    try:
        if path.suffix == ".json":
            return json.loads(text, object_pairs_hook=_reject_repeated_json_keys)
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except _RepeatedKey as error:
        where = f"{path}, line {error.line}" if error.line else f"{path}"
        first = f" (first on line {error.first_line})" if error.first_line else ""
        raise QuizFileError(
            f"{where}: key {error.key!r} appears twice in one mapping{first}; "
            "only one may stay, or the file would silently keep the last"
        ) from None
    except json.JSONDecodeError as error:
        raise QuizFileError(f"{path}, line {error.lineno}: not valid JSON: {error.msg}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark is not None else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise QuizFileError(f"{where}: not valid YAML: {problem}") from None
