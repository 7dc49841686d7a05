"""The implementation tree of a document, down the hierarchy.

Relations say which document implements which; unit ancestry says where each sits. A lower
unit's plan that cites a central directive directly is placed under the plan of its nearest
ancestor unit for the same directive, when one exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class CascadeItem:
    """One document in the cascade, as the caller knows it.

    Args:
        id: the document's identifier.
        unit_path: ids of the issuing unit's ancestors and the unit itself, root first
            (empty when the issuing unit is unknown).
        implements: ids of the documents it directly implements.
    """

    id: int
    unit_path: tuple[int, ...] = ()
    implements: tuple[int, ...] = ()


@dataclass(slots=True)
class CascadeNode:
    id: int
    children: list[CascadeNode] = field(default_factory=list)


def build_cascade(root: int, items: list[CascadeItem]) -> CascadeNode:
    """Arrange ``items`` (documents implementing ``root``, directly or through others) in a tree.

    Each document goes under the candidate whose unit is its nearest strict ancestor; the
    candidates are what it implements, and every other document of the cascade issued by an
    ancestor unit. A document whose unit is unknown goes under what it implements.
    """
    by_id = {item.id: item for item in items if item.id != root}
    members = _reachable(root, by_id)
    parent_of = {doc: _choose_parent(root, by_id[doc], members, by_id) for doc in members}
    _break_cycles(root, parent_of)
    nodes = {doc: CascadeNode(doc) for doc in members}
    top = CascadeNode(root)
    for doc in sorted(members):
        parent = parent_of[doc]
        (top if parent == root else nodes[parent]).children.append(nodes[doc])
    return top


def _reachable(root: int, by_id: dict[int, CascadeItem]) -> set[int]:
    members: set[int] = set()
    frontier = {root}
    while frontier:
        found = {
            item.id
            for item in by_id.values()
            if item.id not in members and frontier.intersection(item.implements)
        }
        members |= found
        frontier = found
    return members


def _choose_parent(
    root: int, item: CascadeItem, members: set[int], by_id: dict[int, CascadeItem]
) -> int:
    direct = [d for d in item.implements if d == root or d in members]
    best, best_depth = (direct[0] if direct else root), -1
    if not item.unit_path:
        return best
    candidates = set(direct) | members
    for cand in candidates:
        if cand == item.id:
            continue
        depth = -1 if cand == root else _ancestor_depth(by_id[cand].unit_path, item.unit_path)
        if depth > best_depth:
            best, best_depth = cand, depth
    return best


def _ancestor_depth(ancestor_path: tuple[int, ...], path: tuple[int, ...]) -> int:
    """Depth of ``ancestor_path``'s unit if it is a strict ancestor of ``path``'s, else -1."""
    if not ancestor_path or len(ancestor_path) >= len(path):
        return -1
    if path[: len(ancestor_path)] != ancestor_path:
        return -1
    return len(ancestor_path)


def _break_cycles(root: int, parent_of: dict[int, int]) -> None:
    for start in list(parent_of):
        seen = {start}
        node = parent_of[start]
        while node != root:
            if node in seen:
                parent_of[start] = root
                break
            seen.add(node)
            node = parent_of[node]
