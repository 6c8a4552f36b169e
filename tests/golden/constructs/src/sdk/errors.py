"""The SDK's exceptions where the official SDK has them (``from sdk import errors``).

The same classes as ``sdk.models.errors``, the documented home; importing this module loads that one.
"""

from .models.errors import *  # noqa: F403
from .models.errors import __all__ as __all__
