"""Framework editions as data (one YAML file each). A package only so that the editions ship in
the wheel and are found through importlib.resources, installed or editable (reportgen/house/__init__.py)."""
