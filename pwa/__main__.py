"""Allow `python -m pwa ...`."""

from pwa.cli import main

raise SystemExit(main())
