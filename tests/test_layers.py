"""lexkit's house: layers whose imports only go down, and no import cycle.

Every import of every module is read from its source (ast): at the top, inside functions,
and under ``if TYPE_CHECKING``. A module may import its own layer or the layers below it
(DESIGN.md, "Inside tools/lexkit"); no set of modules may import each other in a circle.
The checking functions are pure, so the tests at the end show them failing on an upward
import and a cycle made on purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "lexkit"

# Lowest first. A module belongs to the layer of its longest matching prefix ("lexkit"
# alone is the package's __init__: the version). The engine has an order of its own: the
# writers read only the tree, never the parser.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "base",
        (
            "lexkit",
            "lexkit.errors",
            "lexkit.codes",
            "lexkit.project",
            "lexkit.language",
            "lexkit.runtime",
        ),
    ),
    ("io", ("lexkit.io",)),
    (
        "engine: the tree",
        (
            "lexkit.engine.model",
            "lexkit.engine.labels",
            "lexkit.engine.editions",  # what a drafting aid is, and the tree without them
            "lexkit.engine.formal",  # the formal elements of an act, added to its tree
        ),
    ),
    ("engine: writers", ("lexkit.engine.writers",)),
    (
        "engine: reading and comparing",
        (
            "lexkit.engine.frontmatter",
            "lexkit.engine.assembly",
            "lexkit.engine.dialect",
            "lexkit.engine.numbering",
            "lexkit.engine.amendments",
            "lexkit.engine.diff",
        ),
    ),
    ("engine: one document", ("lexkit.engine.pipeline", "lexkit.engine")),
    ("dossier", ("lexkit.dossier",)),
    ("consult", ("lexkit.consult",)),
    ("psea", ("lexkit.psea",)),  # the PSEA kind of dossier: reads intake's helpers
    ("checks", ("lexkit.checks",)),
    ("review", ("lexkit.review",)),
    ("build", ("lexkit.build",)),
    ("api", ("lexkit.api",)),
    ("cli", ("lexkit.cli",)),
]

Graph = dict[str, set[str]]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """Every lexkit module ``path`` imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("lexkit")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lexkit"):
            assert node.level == 0, f"{path}: write lexkit imports absolute"
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return found


def import_graph() -> Graph:
    found = modules()
    known = set(found)
    return {name: imported(path, known) for name, path in found.items()}


def layer_of(module: str) -> int:
    best, best_length = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or (prefix != "lexkit" and module.startswith(prefix + "."))
            if matches and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    return best


def upward_imports(graph: Graph) -> list[str]:
    """Each import of a module from a layer above its own, as "a (layer) -> b (layer)"."""
    out = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if layer_of(target) > layer_of(module):
                below, above = LAYERS[layer_of(module)][0], LAYERS[layer_of(target)][0]
                out.append(f"{module} ({below}) -> {target} ({above})")
    return out


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected sets of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# ---------------------------------------------------------------- lexkit itself


def test_every_module_has_a_layer():
    graph = import_graph()
    assert [module for module in graph if layer_of(module) < 0] == []
    assert len(graph) > 40  # the walk found the package


def test_imports_only_go_down():
    assert upward_imports(import_graph()) == []


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(import_graph()) == []


def test_package_init_files_import_nothing_of_lexkit():
    """Importing one module of a subpackage must not load its siblings."""
    graph = import_graph()
    loud = [name for name, path in modules().items() if path.name == "__init__.py" and graph[name]]
    assert loud == []


def test_the_engine_imports_nothing_but_the_base_io_and_itself():
    graph = import_graph()
    allowed = ("lexkit", "lexkit.errors", "lexkit.codes", "lexkit.language", "lexkit.io.")
    engine = {t for m, targets in graph.items() if m.startswith("lexkit.engine") for t in targets}
    assert engine
    assert {t for t in engine if not t.startswith(("lexkit.engine", *allowed))} == set()


# ---------------------------------------------------------------- the checks themselves


def test_an_upward_import_is_reported():
    graph = import_graph()
    graph["lexkit.engine.model"] = graph["lexkit.engine.model"] | {"lexkit.build"}
    graph["lexkit.engine.writers.docx.writer"] |= {"lexkit.engine.dialect"}
    assert upward_imports(graph) == [
        "lexkit.engine.model (engine: the tree) -> lexkit.build (build)",
        "lexkit.engine.writers.docx.writer (engine: writers) -> lexkit.engine.dialect "
        "(engine: reading and comparing)",
    ]


def test_a_cycle_inside_one_layer_is_reported():
    graph = import_graph()
    graph["lexkit.consult.fields"] = graph["lexkit.consult.fields"] | {"lexkit.consult.mapping"}
    assert ["lexkit.consult.fields", "lexkit.consult.mapping"] in cycles(graph)


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("lexkit", "base"),
        ("lexkit.language", "base"),
        ("lexkit.io.spreadsheets", "io"),
        ("lexkit.engine.model", "engine: the tree"),
        ("lexkit.engine.writers.docx.markup", "engine: writers"),
        ("lexkit.engine.dialect", "engine: reading and comparing"),
        ("lexkit.engine.pipeline", "engine: one document"),
        ("lexkit.dossier.kinds", "dossier"),
        ("lexkit.consult.intake", "consult"),
        ("lexkit.checks.run", "checks"),
        ("lexkit.review.compare", "review"),
        ("lexkit.build", "build"),
        ("lexkit.api", "api"),
        ("lexkit.cli", "cli"),
    ],
)
def test_each_module_is_placed_by_its_longest_prefix(module, layer):
    assert LAYERS[layer_of(module)][0] == layer


def test_office_open_xml_names_are_spelled_in_one_module():
    """The writer, the default styles and the review reader take them from lexkit.io.ooxml."""
    spelled = [
        name
        for name, path in modules().items()
        if "schemas.openxmlformats.org" in path.read_text(encoding="utf-8")
        or "docx.oxml.ns" in path.read_text(encoding="utf-8")
    ]
    assert spelled == ["lexkit.io.ooxml"]
