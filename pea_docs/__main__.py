"""Run the command line as ``python -m pea_docs``."""

from pea_docs.cli.main import main

if __name__ == "__main__":  # pragma: no branch - imported by doctest collection too
    main(prog_name="pea-docs")
