"""OpenAPI -> Python SDK generator: spec -> load -> IR -> render -> write."""
