"""Deliberate steps: an irreversible or outward POST asks for confirmation.

A view calls ``confirmation(request, ...)`` first: when the POST does not carry
``confirmed=1`` it gets back a page that says what will happen and re-posts the
same fields with ``confirmed=1`` (the step without JavaScript). With JavaScript,
``static/js/confirm.js`` asks the same question in a native ``<dialog>`` (keyboard
accessible, no inline script) before the form is sent, and adds the field; the
page is then skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render

CONFIRM_FIELD = "confirmed"
_NOT_REPOSTED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


@dataclass
class Step:
    """What the confirmation says: ``title`` (提交签发), ``consequences`` (one
    sentence each), the button's ``label``, where ``back`` leads, and the
    centres that need the explicit ``acknowledge_missing`` tick."""

    title: str
    consequences: list[str]
    label: str
    back: str
    missing: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    danger: bool = False


def is_confirmed(request) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "1"


def confirmation(request, step: Step, *, force: bool = False):
    """The confirmation page, or None when the POST is confirmed (and
    ``force`` is off: a refused tick shows the page again)."""
    if is_confirmed(request) and not force:
        return None
    hidden = [
        (name, value)
        for name in request.POST
        if name not in _NOT_REPOSTED
        and not (step.missing and name == "acknowledge_missing")
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "confirm.html",
        {"step": step, "hidden": hidden, "action": request.get_full_path()},
    )
