"""The command-line tools of ``scripts/``: each a ``main(argv) -> int``."""
