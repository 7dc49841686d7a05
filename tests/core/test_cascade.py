"""The implementation tree: relations plus unit ancestry."""

from tuyengiao.core.cascade import CascadeItem, CascadeNode, build_cascade


def shape(node: CascadeNode) -> dict:
    return {node.id: [shape(child) for child in node.children]}


def test_it_puts_a_district_plan_under_its_city_plan_for_the_same_directive():
    # 1 = central directive; 2 = city plan (unit path 1/10); 3 = district plan (1/10/100)
    items = [
        CascadeItem(2, unit_path=(1, 10), implements=(1,)),
        CascadeItem(3, unit_path=(1, 10, 100), implements=(1,)),
    ]
    assert shape(build_cascade(1, items)) == {1: [{2: [{3: []}]}]}


def test_it_keeps_plans_of_other_provinces_apart():
    items = [
        CascadeItem(2, unit_path=(1, 10), implements=(1,)),
        CascadeItem(3, unit_path=(1, 20), implements=(1,)),
        CascadeItem(4, unit_path=(1, 20, 200), implements=(1,)),
    ]
    assert shape(build_cascade(1, items)) == {1: [{2: []}, {3: [{4: []}]}]}


def test_it_chooses_the_nearest_ancestor_plan():
    items = [
        CascadeItem(2, unit_path=(1, 10), implements=(1,)),
        CascadeItem(3, unit_path=(1, 10, 100), implements=(2,)),
        CascadeItem(4, unit_path=(1, 10, 100, 1000), implements=(1,)),
    ]
    assert shape(build_cascade(1, items)) == {1: [{2: [{3: [{4: []}]}]}]}


def test_it_follows_relations_when_the_unit_is_unknown():
    items = [
        CascadeItem(2, unit_path=(1, 10), implements=(1,)),
        CascadeItem(3, unit_path=(), implements=(2,)),
    ]
    assert shape(build_cascade(1, items)) == {1: [{2: [{3: []}]}]}


def test_it_leaves_out_documents_that_do_not_implement_the_root():
    items = [
        CascadeItem(2, unit_path=(1, 10), implements=(1,)),
        CascadeItem(5, unit_path=(1, 10, 100), implements=(9,)),
    ]
    assert shape(build_cascade(1, items)) == {1: [{2: []}]}


def test_it_survives_a_cycle_of_relations():
    items = [
        CascadeItem(2, unit_path=(), implements=(1, 3)),
        CascadeItem(3, unit_path=(), implements=(2,)),
    ]
    tree = build_cascade(1, items)
    seen = []

    def walk(node):
        seen.append(node.id)
        for child in node.children:
            walk(child)

    walk(tree)
    assert sorted(seen) == [1, 2, 3]
