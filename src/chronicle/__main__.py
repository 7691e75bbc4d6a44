"""``python -m chronicle``: the same as the ``chronicle`` command."""

from chronicle.cli import main

# guarded: worker processes (ingest --workers) import this module again
if __name__ == "__main__":
    main()
