"""OpenAPI -> Python SDK generator: spec -> load -> IR -> render -> write."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
