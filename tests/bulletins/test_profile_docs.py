"""docs/profiles.md lists every block kind and every value a template sees
(issue 15): the library's own samples are the list to check against, so a
block or value added without its documentation fails here."""

from pathlib import Path

from bulletins.profiles import library

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "profiles.md").read_text(
    encoding="utf-8"
)


def names(value) -> set[str]:
    """Every key of a sample context, nested dicts and lists of dicts included."""
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            found |= names(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= names(inner)
    return found


def test_every_block_kind_is_documented():
    kinds = {**library.BLOCKS, **library.ATTACHMENTS}
    assert not [kind for kind in kinds if f"`{kind}`" not in DOCS]


def test_every_template_value_is_documented():
    samples = [library.DOCUMENT_TEMPLATES]
    for kind in {**library.BLOCKS, **library.ATTACHMENTS}.values():
        samples.append(kind.templates)
    values = set()
    for templates in samples:
        for context in templates.values():
            values |= names(context)
    assert not sorted(v for v in values if f"`{v}`" not in DOCS)
