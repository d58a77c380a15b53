"""Every inspection's figures as one SQLite database, byte for byte the same from the same findings.

One table per kind of row (the schema is documented in docs/programme.md). SQLite
files are not reproducible by themselves: page order follows the order of writes, and a free
page keeps old bytes. So rows go in a fixed order (inspections numbered by publication, area and
file; everything else by its keys), with no timestamps, in one transaction into a fresh file, and
VACUUM rewrites it compactly; the header's counters then depend only on that fixed sequence.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from .columns import Series
from .read import Inspection

FORMAT = 1  # PRAGMA user_version: the schema's version
SCHEMA = """
CREATE TABLE editions (
  edition TEXT PRIMARY KEY, name TEXT NOT NULL, extends TEXT, series INTEGER NOT NULL, max_score INTEGER
) WITHOUT ROWID;
CREATE TABLE scale (
  edition TEXT NOT NULL REFERENCES editions, position INTEGER NOT NULL, rating TEXT NOT NULL, score INTEGER NOT NULL,
  PRIMARY KEY (edition, position)
) WITHOUT ROWID;
CREATE TABLE standards (
  edition TEXT NOT NULL REFERENCES editions, standard TEXT NOT NULL, position INTEGER NOT NULL, domain TEXT NOT NULL,
  domain_name TEXT NOT NULL, name TEXT NOT NULL, method TEXT NOT NULL, scored INTEGER NOT NULL, column_key TEXT NOT NULL,
  PRIMARY KEY (edition, standard)
) WITHOUT ROWID;
CREATE TABLE key_questions (
  edition TEXT NOT NULL REFERENCES editions, key_question TEXT NOT NULL, standard TEXT NOT NULL, position INTEGER NOT NULL,
  text TEXT NOT NULL, column_key TEXT NOT NULL,
  PRIMARY KEY (edition, key_question)
) WITHOUT ROWID;
CREATE TABLE inspections (
  inspection INTEGER PRIMARY KEY, file TEXT NOT NULL, service TEXT NOT NULL, short_name TEXT NOT NULL, area TEXT NOT NULL,
  area_key TEXT NOT NULL, published TEXT NOT NULL, edition TEXT NOT NULL REFERENCES editions,
  score INTEGER, max_score INTEGER, overall TEXT
);
CREATE TABLE ratings (
  inspection INTEGER NOT NULL REFERENCES inspections, standard TEXT NOT NULL, computed TEXT NOT NULL, final TEXT NOT NULL,
  moved INTEGER NOT NULL, score INTEGER NOT NULL, scored INTEGER NOT NULL, case_assessment_score INTEGER, rationale TEXT,
  PRIMARY KEY (inspection, standard)
) WITHOUT ROWID;
CREATE TABLE key_question_figures (
  inspection INTEGER NOT NULL REFERENCES inspections, key_question TEXT NOT NULL, standard TEXT NOT NULL,
  relevant INTEGER, yes INTEGER, percent INTEGER, lowest INTEGER NOT NULL,
  PRIMARY KEY (inspection, key_question)
) WITHOUT ROWID;
CREATE TABLE prompt_counts (
  inspection INTEGER NOT NULL REFERENCES inspections, key_question TEXT NOT NULL, prompt TEXT NOT NULL,
  relevant INTEGER NOT NULL, yes INTEGER NOT NULL,
  PRIMARY KEY (inspection, key_question, prompt)
) WITHOUT ROWID;
CREATE TABLE case_counts (
  inspection INTEGER NOT NULL REFERENCES inspections, domain TEXT NOT NULL, standard TEXT NOT NULL, cases INTEGER NOT NULL,
  PRIMARY KEY (inspection, domain, standard)
) WITHOUT ROWID;
"""


def database(inspections: list[Inspection], all_series: list[Series]) -> bytes:
    """The database's bytes. `inspections` in the programme's order (figures.in_period)."""
    with tempfile.TemporaryDirectory(prefix="reportgen-sqlite-") as folder:
        path = Path(folder) / "programme.sqlite"
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA page_size = 4096")
            connection.execute(f"PRAGMA user_version = {FORMAT}")
            connection.executescript(SCHEMA)
            connection.execute("BEGIN")
            _fill(connection, inspections, all_series)
            connection.execute("COMMIT")
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


def _fill(db: sqlite3.Connection, inspections: list[Inspection], all_series: list[Series]) -> None:
    for number, series in enumerate(all_series, 1):
        standard_keys = {m: c.key for c in series.columns for m in c.members}
        kq_keys = {m: kq.key for _, kq in series.key_questions for m in kq.members}
        for edition in series.editions:
            db.execute("INSERT INTO editions VALUES (?, ?, ?, ?, ?)", (edition.id, edition.name, edition.extends, number,
                       max(r.score for r in edition.scale) * sum(s.scored for s in edition.standards()) if edition.overall else None))
            db.executemany("INSERT INTO scale VALUES (?, ?, ?, ?)", [(edition.id, n, r.name, r.score) for n, r in enumerate(edition.scale)])
            position = 0
            for domain in edition.domains:
                for standard in domain.standards:
                    position += 1
                    db.execute("INSERT INTO standards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (edition.id, standard.id, position, domain.id, domain.name, standard.name, standard.method,
                                int(standard.scored), standard_keys[(edition.id, standard.id)]))
            kqs = [(s, k) for s in edition.standards() for k in s.key_questions]
            db.executemany("INSERT INTO key_questions VALUES (?, ?, ?, ?, ?, ?)",
                           [(edition.id, k.id, s.id, n, k.text, kq_keys[(edition.id, k.id)]) for n, (s, k) in enumerate(kqs, 1)])
    for number, i in enumerate(inspections, 1):  # published: YYYY-MM-DD for every row (a month's first day), as queries compare it
        scored = i.overall is not None
        db.execute("INSERT INTO inspections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (number, i.file, i.service, i.short_name, i.area, i.area_key, i.published.strftime("%Y-%m-%d"), i.edition,
                    i.score if scored else None, i.max_score if scored else None, i.overall))
        db.executemany("INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(number, r.standard, r.computed, r.final, int(bool(r.mark)), r.score, int(r.scored), r.percent, r.rationale)
                        for r in i.ratings])
        db.executemany("INSERT INTO key_question_figures VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(number, f.key_question, f.standard, f.relevant, f.yes, f.percent, int(f.lowest)) for f in i.key_questions])
        db.executemany("INSERT INTO prompt_counts VALUES (?, ?, ?, ?, ?)",
                       [(number, p.key_question, p.prompt, p.relevant, p.yes) for p in i.prompts])
        db.executemany("INSERT INTO case_counts VALUES (?, ?, ?, ?)",
                       [(number, c.domain, c.standard or "", c.cases) for c in i.cases])
