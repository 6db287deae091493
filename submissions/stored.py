"""Stored figure values as plain rows, read in one query: what the bulletin's
selectors and validation's month context turn into defined figures
(``submissions.defined.figures_from_rows``)."""

from __future__ import annotations

from .models import BreakdownOption, FigureDefinition, FigureValue


class StoredValue:
    """A stored figure value as plain attributes (every ``FigureValue`` field),
    its ``definition`` and ``option`` objects shared with every other row of
    theirs: what ``figures_from_rows`` reads."""

    def __init__(self, definition, option, **fields):
        self.__dict__.update(fields)
        self.definition = definition
        self.option = option


def stored_values(values, **extra: str) -> list[StoredValue]:
    """``values`` (a ``FigureValue`` queryset) in one query, each definition and
    option built once: ``select_related`` would build a model trio per row, and
    a year of 20 units × 30 definitions of 6 options is 25,000 rows. ``extra``:
    attribute name → a lookup of each row (``centre_id="report__centre_id"``)."""
    fields = {
        prefix: [f.attname for f in model._meta.concrete_fields]
        for prefix, model in (
            ("", FigureValue),
            ("definition", FigureDefinition),
            ("option", BreakdownOption),
        )
    }
    built: dict[tuple[str, int], object] = {}

    def shared(model, prefix, row: tuple):
        pk = row[fields[prefix].index(model._meta.pk.attname)]
        if pk is None:  # no option: a total
            return None
        if (prefix, pk) not in built:
            built[prefix, pk] = model(**dict(zip(fields[prefix], row, strict=True)))
        return built[prefix, pk]

    own, n = len(fields[""]), len(fields["definition"])
    columns = [
        *fields[""],
        *(f"definition__{f}" for f in fields["definition"]),
        *(f"option__{f}" for f in fields["option"]),
        *extra.values(),
    ]
    return [
        StoredValue(
            shared(FigureDefinition, "definition", row[own : own + n]),
            shared(BreakdownOption, "option", row[own + n : len(row) - len(extra)]),
            **dict(zip(fields[""], row[:own], strict=True)),
            **dict(zip(extra, row[len(row) - len(extra) :], strict=True)),
        )
        for row in values.values_list(*columns)
    ]
