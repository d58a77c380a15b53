"""Report templates and house style (Jinja, CSS, YAML). A package only so that they ship in the
wheel and are found through importlib.resources, installed or editable (reportgen/house/__init__.py)."""
