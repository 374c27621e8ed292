"""Every example of README.md and docs/*.md, run on every `make test` (see blocks.py)."""
