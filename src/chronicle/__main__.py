"""``python -m chronicle``: the same as the ``chronicle`` command."""

from .cli import main

main()
