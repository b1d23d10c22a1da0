"""YAML as lexkit reads it: safe, dates kept as text, a key written twice an error.

Dates stay text so that an impossible date ("2025-13-45") reaches the schema and is
reported with its line, instead of PyYAML failing with a bare ValueError; a repeated
key would otherwise silently take the last value.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError

from lexkit.errors import Location, Problem

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_without_repeats(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ConstructorError(
                None,
                None,
                f"the key {key!r} is written twice (first on line {seen[key].start_mark.line + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)


def load_yaml(text: str) -> Any:
    """Parse YAML text; raises yaml.YAMLError (with ``problem_mark``) on bad input."""
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader


YAML_FIX = "check the indentation, and put in quotes a value that contains ':' or '#'"


def error_line(error: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def error_text(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or error)


def yaml_problem(
    file: str, error: yaml.YAMLError, fix: str = YAML_FIX, *, code: str = "D001"
) -> Problem:
    """A YAML file that does not parse, as a problem at the line the parser names."""
    where = Location(file, error_line(error))
    return Problem(where, f"not valid YAML: {error_text(error)}", fix, code=code)
