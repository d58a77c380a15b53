"""Benchmarks of reportgen: `python -m benchmarks` (see benchmarks/README.md)."""
