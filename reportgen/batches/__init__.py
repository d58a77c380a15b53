"""Batches that scale (issue 26 item 2): a build record per report so an unchanged report is not
rebuilt (record.py), and a fixed, balanced share of a batch for one machine of many (shard.py)."""
