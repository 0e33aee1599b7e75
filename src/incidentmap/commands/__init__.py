"""Subcommands of the ``incidentmap`` command line, one module each.

A module here defines ``register(subparsers)``, which adds its parser and sets
``func`` to a handler ``(args: argparse.Namespace) -> int``. Handlers parse nothing
themselves and do no work of their own beyond calling the library and printing.
"""
