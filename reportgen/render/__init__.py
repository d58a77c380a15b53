"""Writers: one per output format, each a function of the parsed report."""
