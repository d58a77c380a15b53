"""An Inspectorate author's tools for edition files: `reportgen edition check FILE` (every problem
of a framework edition or revision, one line each, as `check` does for findings) and `reportgen
edition diff A B` (what a revision changes, in words). docs/editions.md is the guide."""
