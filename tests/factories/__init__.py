"""factory_boy factories, one module per app, re-exported here."""

from .submissions import *  # noqa: F403
from .transactions import *  # noqa: F403
from .bulletins import *  # noqa: F403
