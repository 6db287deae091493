"""Who may refuse a change to a trade, without transactions importing them.

``change_guards`` holds callables ``(trade) -> str | None``; a guard that returns
a message means the trade must not change outside the workflow. The bulletins
app registers "a published issue covers this trade's month" from its
``AppConfig.ready``; the admin then shows such a trade read-only.
"""

from collections.abc import Callable

change_guards: list[Callable[[object], str | None]] = []


def change_refusals(trade) -> list[str]:
    """Messages of every registered guard that refuses changing ``trade``."""
    return [message for guard in change_guards if (message := guard(trade))]
