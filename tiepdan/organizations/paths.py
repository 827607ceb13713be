"""A unit's materialised path (`Unit.path`, "0000000001/0000000007/") read as the chain of units
it names, root first: the units above one, known without a query."""


def path_chain(path: str) -> list[str]:
    """The path of each unit in `path`'s chain, root first, the unit's own last."""
    parts = [part for part in path.split("/") if part]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def id_chain(path: str) -> list[int]:
    """The id of each unit in `path`'s chain, root first, the unit's own last."""
    return [int(part) for part in path.split("/") if part]
