"""Run the CLI as `python -m briefdeck`."""

from briefdeck.cli import run

run()
