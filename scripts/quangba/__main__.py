"""Allow `python -m quangba`."""

from quangba.cli import main

main()
