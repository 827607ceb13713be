#!/usr/bin/env python3
"""Check the app graph independently of import-linter: every import of every module under
tiepdan/ at any depth (module level, inside functions, under TYPE_CHECKING), tests excluded.

Fails when the apps import each other in a cycle or when an app imports one of a higher layer.
The layers and the listed exceptions are read from the import-linter "layers" contract in
pyproject.toml, so both checks enforce one declaration (docs/architecture.md explains it).

    python3 scripts/app_graph.py            # check; prints the layers and the edges
    python3 scripts/app_graph.py --imports  # also print every cross-app import
"""

import ast
import fnmatch
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "tiepdan"
SKIPPED_DIRS = {"tests", "browser_tests", "__pycache__"}


def load_contract() -> tuple[list[list[str]], list[tuple[str, str]]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    layers = []
    for line in contract["layers"]:  # top first, as import-linter lists them
        names = line.replace(":", "|").split("|")
        layers.append([n.strip().strip("()") for n in names if n.strip()])
    ignored = []
    for rule in contract.get("ignore_imports", []):
        importer, imported = (part.strip() for part in rule.split("->"))
        ignored.append((importer, imported))
    return layers, ignored


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _matches(pattern: str, module: str) -> bool:
    # import-linter's wildcards: * is one name, ** any number of them.
    regex = pattern.replace(".", r"\.").replace(r"\.**", "(\\..+)?").replace("*", "[^.]+")
    return fnmatch.re.fullmatch(regex, module) is not None


def imports_of(path: Path, apps: set[str]) -> list[tuple[int, str, str]]:
    """(line, imported module, target app) for every import of a tiepdan app in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from tiepdan.x import y` may import the module tiepdan.x.y: count the longest.
            modules = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == PACKAGE and len(parts) > 1 and parts[1] in apps:
                found.append((node.lineno, module, parts[1]))
    return found


def main() -> int:
    show_imports = "--imports" in sys.argv
    layers, ignored = load_contract()
    level = {app: depth for depth, names in enumerate(reversed(layers)) for app in names}
    present = {p.name for p in (ROOT / PACKAGE).iterdir() if (p / "__init__.py").exists()}
    apps = present - SKIPPED_DIRS
    problems = []
    unlayered = sorted(apps - set(level))
    if unlayered:
        problems.append(f"apps in no layer: {', '.join(unlayered)}")

    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    exempted = 0
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        rel = path.relative_to(ROOT / PACKAGE).parts
        if len(rel) < 2 or SKIPPED_DIRS & set(rel[:-1]) or rel[0] not in apps:
            continue
        source, importer = rel[0], module_name(path)
        for line, module, target in imports_of(path, apps):
            if target == source:
                continue
            prefixes = [module.rsplit(".", n)[0] for n in range(module.count(".") + 1)]
            if any(
                _matches(a, importer) and any(_matches(b, m) for m in prefixes) for a, b in ignored
            ):
                exempted += 1
                continue
            edges[(source, target)].append(f"{path.relative_to(ROOT)}:{line} {module}")

    for (source, target), where in sorted(edges.items()):
        if source in level and target in level and level[target] >= level[source]:
            kind = "sideways" if level[target] == level[source] else "upward"
            problems.append(f"{kind} import {source} -> {target}:\n    " + "\n    ".join(where))

    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    problems.extend(
        "cycle: " + " -> ".join([*cycle, cycle[0]]) for cycle in _cycles(graph, sorted(apps))
    )

    print("Layers, top first:")
    for names in layers:
        print("  " + " | ".join(names))
    print(
        f"{len(edges)} app-to-app edges over {sum(map(len, edges.values()))} imports "
        f"({exempted} listed exceptions)."
    )
    if show_imports:
        for (source, target), where in sorted(edges.items()):
            print(f"{source} -> {target}: {len(where)}")
            for w in where:
                print(f"    {w}")
    if problems:
        print("\n".join(["FAILED:", *problems]))
        return 1
    print("No cycle, no import from a lower layer to a higher one.")
    return 0


def _cycles(graph: dict[str, set[str]], nodes: list[str]) -> list[list[str]]:
    """The strongly connected components of more than one app (Tarjan), each as a list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return found


if __name__ == "__main__":
    sys.exit(main())
