"""One module per component schema; import them through ``components``."""
