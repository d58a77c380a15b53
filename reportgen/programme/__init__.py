"""The programme view (issue 26): every inspection at once — ratings, their spread, key-question
figures and re-inspections — and the synthetic findings its tests and benchmarks use."""
