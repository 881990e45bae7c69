"""The ``pea-docs`` command line: parse, call the API, the batch or the store, print.

:func:`~pea_docs.cli.main.main` is the console script. Each command imports what it
calls when it runs, so ``pea-docs --help`` loads little more than click.
"""
