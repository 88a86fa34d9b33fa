"""The lifecycle lab: create, pause, unpause, shutdown, reboot, crash, save, restore, destroy.

Importing this package registers its recipes and commands with the engine.
"""

from webapp.model.lifecycle import (  # noqa: F401  (registration side effects)
    build,
    commands,
    pause,
    saverestore,
    shutdown,
    teardown,
)
