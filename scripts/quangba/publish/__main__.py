"""`python -m quangba.publish DEST`: the publish command on its own (also `quangba publish`)."""

from quangba.publish.cli import publish

publish(prog_name="quangba publish")
