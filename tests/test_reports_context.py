"""Each template uses exactly the fields of its documented context dataclass."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from jinja2 import meta, nodes

from reports.context import CONTEXTS
from reports.render import TEMPLATES, environment

DOCS = Path(__file__).resolve().parent.parent / "docs" / "reports.md"


def _variables(name: str, given: frozenset[str] = frozenset()) -> set[str]:
    env = environment()
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    ast = env.parse(source)
    found = set(meta.find_undeclared_variables(ast)) - given
    with_names = {t.name for w in ast.find_all(nodes.With) for t in w.targets if isinstance(t, nodes.Name)}
    for ref in meta.find_referenced_templates(ast):
        if ref:
            found |= _variables(ref, given | frozenset(with_names))
    return found


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_template_variables_are_exactly_the_context_fields(template: str) -> None:
    fields = {f.name for f in dataclasses.fields(CONTEXTS[template])}
    assert _variables(template) == fields


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_every_context_field_has_help_and_is_documented(template: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"`{template}`" in text
    for f in dataclasses.fields(CONTEXTS[template]):
        assert f.metadata.get("help"), f"{template}: field {f.name} has no help text"
        assert f"`{f.name}`" in text, f"docs/reports.md does not document {template} field {f.name}"


def test_every_template_file_has_a_context() -> None:
    pages = {p.name for p in TEMPLATES.glob("*.html.j2") if not p.name.startswith("_") and p.name != "base.html.j2"}
    assert pages == set(CONTEXTS)
