"""The publishing wing: a final pack's manifest and `verify`. It uses the pipeline's outputs; the pipeline
never imports it (a final build is given its sealer)."""
