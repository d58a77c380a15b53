"""The review wing: a reviewer's draft (comments, field marks), compare (the redline and its HTML view) and
absorb (an edited Word draft back into the findings), with their Word reading and diffing. It uses the
pipeline; nothing of the pipeline imports it."""
