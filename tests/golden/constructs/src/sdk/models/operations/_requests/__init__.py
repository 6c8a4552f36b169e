"""One module per request model; import them through ``operations``."""
