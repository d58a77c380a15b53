"""Every size limit on findings in one place: generous bounds real reports never approach.

Each is refused at `check` with one line naming the file and line, so an odd input fails fast
instead of making a build slow, huge or silently short. docs/reliability.md
lists them.
"""

MAX_BYTES = 8 * 1024 * 1024  # a findings file: sixty times Merton's
MAX_DEPTH = 40  # YAML nesting; the deepest real findings path is about 8 levels
MAX_VALUES = 200_000  # YAML values after aliases are expanded: stops "billion laughs" documents
MAX_EXPANDED = 2 * MAX_BYTES  # characters of text after aliases are expanded (Merton: about 60,000)

MAX_NESTING = 8  # lists and block quotes inside one another in one text (real reports: 2)
MAX_PARAGRAPH = 20_000  # characters in one paragraph, heading or table cell (real reports: about 1,500)
MAX_TABLE_ROWS = 500  # rows of one table typed in findings text (real reports: about 20)
MAX_TABLE_COLUMNS = 20  # columns of one table typed in findings text (real reports: at most 6)
MAX_HEADINGS = 1_000  # headings the findings add to the report (sections, annexes, fact tables)

PARSER_NESTING = 4 * MAX_NESTING + 20  # markdown-it's own nesting bound: far above what check lets through
MAX_TEXT = 100_000  # characters in one findings text field (real reports: about 5,000)
MAX_WORD = 50  # characters of one unbroken word in a name, title, heading or cell: print cannot wrap it (real: 29)
MAX_NAME_BYTES = 100  # the slug of the area, which names the workbook file (real: 9)
