"""factory_boy factories, one module per app, re-exported here."""

from .bulletins import *  # noqa: F403
from .bureaus import *  # noqa: F403
from .cases import *  # noqa: F403
from .departments import *  # noqa: F403
from .ratings import *  # noqa: F403
from .submissions import *  # noqa: F403
from .transactions import *  # noqa: F403
