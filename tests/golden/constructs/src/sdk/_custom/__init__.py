"""Your own code, kept apart from the generated files: the generator never changes anything in this package.

It writes ``__init__.py`` and ``hooks.py`` only where they are missing; add modules of your own beside them.
"""
