"""The house: every resource a report is made with, read once when a command starts, then passed down.

Framework editions, the report and page templates (and their Jinja environments), the brand
(brand.yml) and its logo, the Word style (word/styles.yml), chart wording (charts.yml), the text
checks' language lists (common/language.yml), the review tools' words (review.yml), each edition's outline for `reportgen new`
(outline.yml), the programme view's words (programme/words.yml), the stylesheet and what the PDF
may read. Each is looked for in the folders given with
`--editions DIR` / `--templates DIR` or REPORTGEN_EDITIONS / REPORTGEN_TEMPLATES (folders
separated by ':'), searched first, then in those shipped (`frameworks/` and `templates/`,
packaged as `reportgen.frameworks` and `reportgen.templates`). Every YAML file goes through
load.py (positions, duplicate keys refused) into a frozen model, so a slip is one line naming
file, line and field. No stage looks for a file: they are functions of (report, view, house).
`watch` reads a new House when anything in `house.folders` changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import jinja2

from ..errors import Problem, ReportError
from ..load import Located, load_yaml
from ..model import Edition
from .wording import Wording
from .brand import Brand, unfinished_contact
from .charts import COMMON, ChartWords, chart_word_files, read_chart_words
from .language import Language, language_file, read_language
from .patterns import read_patterns
from .review import Review, ReviewWords
from .logo import Logo, read_logo
from .word import WordStyle

EDITIONS_ENV = "REPORTGEN_EDITIONS"
TEMPLATES_ENV = "REPORTGEN_TEMPLATES"
SHIPPED_EDITIONS = Path(str(files("reportgen.frameworks")))
SHIPPED_TEMPLATES = Path(str(files("reportgen.templates")))
BRAND, WORD_STYLE, STYLESHEET, OUTLINE = "brand.yml", "word/styles.yml", "style/report.css", "outline.yml"
PROGRAMME_WORDS, REVIEW = "programme/words.yml", "review.yml"


@dataclass(frozen=True)
class Folders:
    """Where the house is read from, each list in search order (the shipped folder last)."""

    editions: tuple[Path, ...]
    templates: tuple[Path, ...]

    @classmethod
    def given(cls, editions: Iterable[Path] = (), templates: Iterable[Path] = (),
              environ: Mapping[str, str] | None = None) -> Folders:
        """The command line's folders, then the environment's, then the shipped ones."""
        env = os.environ if environ is None else environ

        def chain(given: Iterable[Path], variable: str, shipped: Path) -> tuple[Path, ...]:
            from_env = [Path(p) for p in env.get(variable, "").split(os.pathsep) if p.strip()]
            return tuple(dict.fromkeys(p.resolve() for p in [*given, *from_env, shipped]))

        return cls(chain(editions, EDITIONS_ENV, SHIPPED_EDITIONS), chain(templates, TEMPLATES_ENV, SHIPPED_TEMPLATES))

    def watched(self) -> tuple[Path, ...]:
        """Every folder a house is read from (for `watch`): the editions' and the templates'."""
        return tuple(f for f in dict.fromkeys([*self.editions, *self.templates]) if f.is_dir())

    def first(self, name: str) -> Path:
        """The first template folder's file `name` (e.g. 'brand.yml'); an error if none has it."""
        found = next((folder / name for folder in self.templates if (folder / name).is_file()), None)
        if found is None:
            raise ReportError([Problem(name, None, None, "", "no such file in the template folders",
                                       f"{name} in one of {', '.join(str(f) for f in self.templates)}")])
        return found


@dataclass(frozen=True)
class PrintFiles:
    """What WeasyPrint may read while laying out the PDF: files in the template folders, a house's
    first. Plain data, so the PDF can be laid out in a worker process."""

    base: Path  # relative URLs in the page (style/draft-watermark.svg) are resolved against it
    folders: tuple[Path, ...]

    def find(self, path: Path) -> Path | None:
        """The file a URL under `base` names, taken from the first template folder that has it; None
        for a path outside the template folders."""
        path = path.resolve()
        folder = next((f for f in self.folders if path.is_relative_to(f)), None)
        if folder is None:
            return None
        relative = path.relative_to(folder)
        for candidate, inside in ((f / relative, f) for f in self.folders):
            candidate = candidate.resolve()  # a link out of the folder is refused
            if candidate.is_relative_to(inside) and candidate.is_file():
                return candidate
        return None


@dataclass(frozen=True, eq=False)
class House:
    folders: Folders
    editions: Mapping[str, Path]  # every edition found, by id (an earlier folder hides a later one)
    brand: Brand
    logo: Logo | None
    word: WordStyle
    chart_words: Mapping[str, ChartWords]  # by template folder: an edition's own, or 'common'
    words: Language  # the text checks' lists (common/language.yml)
    outlines: Mapping[str, dict]  # by template folder: the parts `reportgen new` writes (outline.yml)
    programme_words: Mapping[str, str]  # the programme view's patterns, by name (programme/words.yml)
    css: str  # the report's stylesheet, inlined in every HTML page
    templates: jinja2.Environment  # the report's Markdown templates (compose)
    pages: jinja2.Environment  # the HTML page and fragment shells, autoescaped
    wording: Wording  # the sandbox every pattern of the house is filled in by
    review: Review  # the review tools' words (review.yml): discretion reasons, draft comments, compare
    printing: PrintFiles
    unfinished: tuple[Problem, ...] = ()  # the brand's contact fields left empty: a final build refuses them
    _parsed: dict[str, Edition] = field(default_factory=dict, repr=False)

    def edition(self, edition_id: str, source: Located | None = None) -> Edition:
        """The edition by id, with every revision applied; a problem at `edition` (of `source`) if unknown."""
        from ..messages import one_of
        from ..typed import to_model

        if edition_id not in self.editions:
            expected = one_of(edition_id, sorted(self.editions))
            if source is None:
                raise ReportError([Problem("--edition", None, None, "", repr(edition_id), expected)])
            raise ReportError([source.problem(("edition",), repr(edition_id), expected)])
        if edition_id not in self._parsed:  # an edition is read when first used: a faulty one stops only its reports
            from ..editions import resolve

            self._parsed[edition_id] = to_model(Edition, resolve(list(self.folders.editions), edition_id, display))
        return self._parsed[edition_id]

    def chart_wording(self, template: str) -> ChartWords:
        """The charts.yml for an edition's template folder: its own, else common/."""
        return self.chart_words.get(template) or self.chart_words[COMMON]

    def __reduce__(self):
        """A House sent to another process is read there again from the same folders."""
        return load_house, (self.folders,)


def load_house(folders: Folders | None = None) -> House:
    """Read and check every resource of the house; ReportError (one line each) on any fault."""
    from ..templating import environment as report_environment
    from ..typed import to_model

    folders = folders or Folders.given()
    brand_file = folders.first(BRAND)
    located = load_yaml(brand_file, display=display(brand_file))
    brand = to_model(Brand, located, unions=False)
    logo = read_logo(brand_file, brand.logo, located.where(("logo",)), display(brand_file))
    wording = Wording(brand)
    word = _patterned(folders.first(WORD_STYLE), WordStyle, wording, "a Jinja pattern over view and brand, e.g. {{ brand.publisher.name }}")
    review = _patterned(folders.first(REVIEW), ReviewWords, wording, "a Jinja pattern over the facts review.yml names beside it")
    chart_words = {name: read_chart_words(path, display(path), wording.compiled)
                   for name, path in chart_word_files(folders.templates).items()}
    words, programme = language_file(folders.templates), folders.first(PROGRAMME_WORDS)
    stamp = _stamp(folders.templates)  # the template files as they stand: one walk for both environments
    return House(
        folders=folders, editions=_editions(folders.editions), brand=brand, logo=logo, word=word,
        chart_words=chart_words, words=read_language(words, display(words)), outlines=_outlines(folders.templates),
        programme_words=read_patterns(programme, display(programme), SHIPPED_TEMPLATES / PROGRAMME_WORDS, "the programme view"),
        css=folders.first(STYLESHEET).read_text(encoding="utf-8"),
        templates=shared_environment(report_environment, folders.templates, stamp),
        pages=shared_environment(pages_environment, folders.templates, stamp),
        wording=wording, review=Review(review, wording), printing=PrintFiles(SHIPPED_TEMPLATES.resolve(), folders.templates),
        unfinished=unfinished_contact(brand, located),
    )


def _editions(folders: Iterable[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yml")):
            found.setdefault(path.stem, path)
    return found


def _outlines(folders: Iterable[Path]) -> dict[str, dict]:
    """Each template folder name → its outline.yml (the first found), read through the loader."""
    found: dict[str, dict] = {}
    for folder in folders:
        for path in sorted(folder.glob(f"*/{OUTLINE}")):
            if path.parent.name not in found:
                located = load_yaml(path, display=display(path))
                if not isinstance(located.data, dict):
                    raise ReportError([located.problem((), repr(located.data)[:60], "the parts of a report, by name")])
                found[path.parent.name] = located.data
    return found


def _patterned(path: Path, model, wording: Wording, expected: str):
    """A house file of patterns (word/styles.yml, review.yml), typed; each pattern must compile (they are
    filled in for every report)."""
    from ..typed import to_model

    located = load_yaml(path, display=display(path))
    data = to_model(model, located, unions=False)
    for where, text in data.patterns().items():
        try:
            wording.compiled(text)
        except jinja2.TemplateSyntaxError as error:
            raise ReportError([located.problem(where, f"the pattern {text[:60]!r} ({error.message})", expected)]) from None
    return data


_ENVIRONMENTS: dict[tuple, jinja2.Environment] = {}


def shared_environment(make: Callable[[tuple[Path, ...]], jinja2.Environment], folders: tuple[Path, ...],
                       stamp: tuple) -> jinja2.Environment:
    """`make(folders)`, once a process for the folders' files as they stand (`stamp`, from _stamp): a house
    read again (watch after a save, or a second command in one process) keeps the templates already
    compiled, which cost more than a report's Markdown and HTML together. Any file saved in the folders
    makes a new one."""
    key = (make, folders, stamp)
    if key not in _ENVIRONMENTS:
        if len(_ENVIRONMENTS) >= 8:
            _ENVIRONMENTS.pop(next(iter(_ENVIRONMENTS)))
        _ENVIRONMENTS[key] = make(folders)
    return _ENVIRONMENTS[key]


def files_under(folder: Path) -> list[Path]:
    """Every regular file under a house folder, in path order (Python's caches left out)."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


def _stamp(folders: Iterable[Path]) -> tuple:
    """Every file under the folders, with its modification time and size."""
    found = []
    for folder in folders:
        for path in files_under(folder):
            try:
                status = path.stat()
            except OSError:  # gone since the folder was listed
                continue
            found.append((path, status.st_mtime_ns, status.st_size))
    return tuple(found)


def pages_environment(folders: Iterable[Path]) -> jinja2.Environment:
    """The HTML page and fragment templates (html/*.html.j2): autoescaped, strict."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def display(path: Path) -> str:
    """A file as messages name it: relative to the working folder where it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
