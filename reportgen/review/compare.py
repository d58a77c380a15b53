"""`reportgen compare OLD NEW`: NEW's Word report with every difference from OLD as a tracked change,
and the same differences as an accessible HTML page. Ratings and score changes come first.

Both reports are built by our own pipeline; the summary is added to both token streams, so
it is not itself a change, and review/redline.py turns the two Word documents into one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as day, datetime, timezone
from typing import TYPE_CHECKING, Literal

from ..build import Stages, prepare
from .draftmarks import Origin
from ..parse import parse
from ..validate import Checked

if TYPE_CHECKING:
    from ..house import House
    from ..house.review import Review


@dataclass(frozen=True)
class Compared:
    docx: bytes
    html: str
    summary: tuple[str, ...]
    revisions: int
    wrong: tuple[str, ...] = ()  # sentences of NEW that the change made contradict its figures


@dataclass(frozen=True)
class Change:
    """One change of a standard's rating, a key question's percentage, the score or the overall rating."""

    kind: Literal["new_standard", "rating", "key_question", "percent", "score", "overall"]
    before: object = None  # a rating (None: not rated), a percentage (None: not applicable), a score 'n/max'
    after: object = None
    standard: str = ""  # '2.2 Planning'
    key_question: str = ""


def rating_changes(old: Checked, new: Checked) -> list[Change]:
    """Every change of a standard's rating, a key question's percentage, the score or the overall rating, in order."""
    changes: list[Change] = []
    before = old.ratings.by_id()
    for result in new.ratings.standards:
        was, standard = before.get(result.id), f"{result.id} {result.name}"
        if was is None:
            changes.append(Change("new_standard", after=_rating(result), standard=standard))
            continue
        if (was.final, was.mark) != (result.final, result.mark):
            changes.append(Change("rating", _rating(was), _rating(result), standard))
        old_kqs = {kq.id: kq.percent for kq in was.key_questions}
        for kq in result.key_questions:
            if kq.id in old_kqs and old_kqs[kq.id] != kq.percent:
                changes.append(Change("key_question", old_kqs[kq.id], kq.percent, standard, kq.id))
        if was.percent != result.percent:
            changes.append(Change("percent", was.percent, result.percent, standard))
    o, n = old.ratings, new.ratings
    if (o.score, o.max_score) != (n.score, n.max_score):
        changes.append(Change("score", f"{o.score}/{o.max_score}", f"{n.score}/{n.max_score}"))
    if o.overall != n.overall:
        changes.append(Change("overall", o.overall, n.overall))
    return changes


def change_lines(changes: list[Change], review: Review) -> list[str]:
    """Each change in the house's words, one line each (the summary, the command line, the compare page)."""
    words = review.words.compare

    def value(kind: str, v: object) -> object:
        if kind in ("key_question", "percent"):
            return words.not_applicable if v is None else f"{v}%"
        if v is None:
            return words.no_overall if kind == "overall" else words.not_rated
        return v

    return [review.say(getattr(words, c.kind), standard=c.standard, key_question=c.key_question,
                       before=value(c.kind, c.before), after=value(c.kind, c.after)) for c in changes]


def same_report(old: Checked, new: Checked, name: str) -> None:
    """Two drafts of one report: the same service and framework edition, or a one-line error."""
    from ..errors import Problem, ReportError

    was = (old.findings.service.name, old.edition.id)
    now = (new.findings.service.name, new.edition.id)
    if was != now:
        raise ReportError([Problem(name, None, None, "", f"{now[0]} ({now[1]}) compared with {was[0]} ({was[1]})",
                                   "two versions of one report: the same service and framework edition")])


def _rating(result) -> str | None:
    return f"{result.final}{result.mark}" if result.final is not None else None


def made_wrong(old: Checked, new: Checked, review: Review) -> list[str]:
    """Each sentence of NEW whose statement (a rating, a count) the figures now deny, and OLD's did not:
    '2.2 summary, line 378: …, which says 'Outstanding'; now the computed rating of 2.2 Planning: Good …'."""
    from ..checks.statements import NAME

    before = {(p.field, p.found) for p in old.warnings if p.check == NAME}
    return [review.say(review.words.compare.wrong, place=p.place or p.field, line=p.line, found=p.found, now=p.expected)
            for p in new.warnings if p.check == NAME and (p.field, p.found) not in before]


def summary_markdown(lines: list[str], old_name: str, review: Review, wrong: list[str] = ()) -> str:
    """The summary the compare document opens with: the house's heading and words, the changes listed."""
    words = review.words.compare
    items = "\n".join(f"- {_escape(line)}" for line in lines) if lines else words.none
    sentences = (f"\n\n{words.wrong_intro}\n\n" + "\n".join(f"- {_escape(line)}" for line in wrong)) if wrong else ""
    intro = review.say(words.intro, old=_escape(old_name))
    return f"## {words.heading}\n\n{intro}\n\n{items}{sentences}\n"


def _escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def with_summary(stages: Stages, markdown: str, mark: str | None = None) -> Stages:
    """`stages` whose token stream has the summary straight after the cover (the same in OLD and NEW); with
    `mark`, each of its paragraphs bookmarked '<mark>_<n>' (absorb leaves that text alone)."""
    tokens = parse(markdown).tokens
    for number, token in enumerate(t for t in tokens if t.type in ("paragraph_open", "heading_open") and mark):
        token.meta["bookmark"] = f"{mark}_{number}"
    stream = stages.parsed.tokens
    at = next((i + 1 for i, t in enumerate(stream) if t.type == "container_cover_close"), 0)
    stream[at:at] = tokens
    return stages


def reviewer() -> str:
    """Who is comparing, for the tracked changes: the user's full name from their account where it has one,
    else their login name from the environment (LOGNAME, USER, USERNAME), as Word credits its own user."""
    import getpass

    try:
        login = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no name in the environment and no account entry
        return "reportgen"
    try:
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        full = ""
    name = full or login
    return name if name.isprintable() and len(name) <= 255 else login


def review_date() -> datetime:
    """When the review is: SOURCE_DATE_EPOCH where set (a reproducible build), else today (midnight UTC,
    so two comparisons made on one day give the same file)."""
    from ..build import source_date_epoch

    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, timezone.utc)
    today = day.today()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)


def compare(old: Checked, new: Checked, old_name: str, house: House, *, author: str | None = None,
            date: datetime | None = None, origin: Origin | None = None) -> Compared:
    """The compare document and its HTML view, in memory. The tracked changes are the reviewer's (`author`,
    by default the user) and dated `date` (by default today); the document is marked DRAFT as a draft is.
    Given NEW's `origin` (its findings file), NEW carries a draft's field marks: edited in Word, the
    compare document is absorbed as a draft is, its tracked changes accepted."""
    from .diff_html import render_diff_html
    from ..render.docx import render_docx
    from .redline import redline_docx

    lines = change_lines(rating_changes(old, new), house.review)
    wrong = made_wrong(old, new, house.review)
    markdown = summary_markdown(lines, old_name, house.review, wrong)
    from .draftfile import SUMMARY_MARK
    from .drafting import prepare_draft

    old_stages = with_summary(prepare(old, house), markdown)
    new_stages = with_summary(prepare_draft(new, house, origin=origin, comments=False), markdown, SUMMARY_MARK)  # marked DRAFT
    when = (date or review_date()).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    who = author or reviewer()
    redlined = redline_docx(render_docx(old_stages.parsed, old_stages.view, house),
                            render_docx(new_stages.parsed, new_stages.view, house, new_stages.finishing), who, when)
    html = render_diff_html(redlined, lines, new_stages.view, old_name, who, when, house, wrong)
    return Compared(redlined.docx, html, tuple(lines), redlined.count, tuple(wrong))
