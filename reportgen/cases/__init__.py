"""Case records → the figures of a report (issue 21).

Inspectors record each case they inspect: one row per case, a Yes / No / N/A answer per key
question and prompt. The report's tables are sums of those records, so they are computed, not
typed: `samples` says which columns an edition's case samples have, `workbook` writes a template
(xlsx, ods or csv), `records` reads a filled one back (every bad cell one line), `sums` adds the
answers up (pure), and `apply` writes the counts into the findings with the round-trip YAML
writer, saying what moved. Case references stay in the records: nothing here writes them into findings.
"""
