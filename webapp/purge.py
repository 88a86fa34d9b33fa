"""Delete the sessions nobody used for a while (and their classes): ``python -m webapp.purge``.

    python -m webapp.purge [--days 30] [--dry-run]

Reads the same settings as the server (``DATABASE_URL``…). ``--days`` defaults to
``RETENTION_DAYS`` from the environment, else 30. A session counts as used when it is created,
driven or loaded; reading it from memory does not refresh that date. Run it from cron or a
systemd timer (docs/deployment.md).
"""

from __future__ import annotations

import argparse
import os
import time

from webapp import create_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.purge", description=__doc__)
    parser.add_argument("--days", type=float,
                        default=float(os.environ.get("RETENTION_DAYS", "30")),
                        help="delete sessions last used more than this many days ago")
    parser.add_argument("--dry-run", action="store_true", help="only count them")
    args = parser.parse_args(argv)
    if args.days < 0:
        parser.error("--days must be positive")
    app = create_app()
    store = app.extensions["sessions"].store
    cutoff = time.time() - args.days * 86400
    if args.dry_run:
        print(f"{store.count_stale(cutoff)} session(s) last used over {args.days:g} days ago")
        return 0
    print(f"deleted {store.purge(cutoff)} session(s) last used over {args.days:g} days ago")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
