"""`reportgen edition diff A B`: what edition B changes from edition A, in words.

An author checks a revision against the edition it extends (or two editions against each other)
before any report is built with it: which parts of the report move or go, which headings, sentences
and tables change, whether the rating rules are the same, which statements, key questions and
prompts are reworded (only the words that change are quoted), which blocks of wording are new.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..model import Edition, KeyQuestion, Standard
from ..printing import Printing

PART = {"cover": "the cover", "contents": "the contents", "inside_cover": "the inside cover", "introduction": "the introduction",
        "ratings": "the ratings", "overall_findings": "the overall findings", "recommendations": "the recommendations",
        "background": "the opening chapter", "contextual_facts": "the contextual facts", "chapters": "the domains' chapters",
        "annexes": "the annexes", "closing": "the closing notes", "back_cover": "a back cover"}
PIECE = {"acknowledgements": "the acknowledgements", "role": "the role of the Inspectorate", "publication": "the copyright notice",
         "standards": "the note on the standards", "background": "the background"}
CHAPTER = {"cases_lead": "the sentence leading into the key questions", "judgement_lead": "the sentence leading into a judged standard's questions",
           "key_question_table": "the key-question table", "prompt_tables": "the prompt tables under the key questions",
           "rating_footnotes": "the footnote on how a computed rating is reached"}
UNPRINTED = {"captions": "table captions", "ratings_header": "the ratings table's header row", "facts_header": "the facts tables' header rows"}


def differences(old: Edition, new: Edition) -> dict[str, list[str]]:
    """What changes from `old` to `new`, sentence by sentence, under a heading each (empty where nothing does)."""
    return {
        "Printing": list(_printing(old.printing, new.printing)) + ([f"written with templates/{new.template}/ (was {old.template})"]
                                                                   if old.template != new.template else []),
        "Rating rules": list(_rules(old, new)),
        "Structure": list(_structure(old, new)),
        "Wording of the standards": list(_wording(old, new)),
        "Boilerplate and footnotes": list(_blocks("wording block", old.boilerplate, new.boilerplate))
                                     + list(_blocks("footnote", old.footnotes, new.footnotes)),
    }


def report(old: Edition, new: Edition) -> str:
    lines = [f"{new.id} against {old.id}:"]
    for heading, changes in differences(old, new).items():
        lines.append(f"{heading}:" + (" the same." if not changes else ""))
        lines += [f"  - {change}" for change in changes]
    return "\n".join(lines)


def _printing(old: Printing, new: Printing) -> Iterator[str]:
    yield from _order(old.order, new.order, PART)
    for name, what in (("inside_cover", "the inside cover"), ("opening", f"the opening chapter ('{new.heading('background')}')")):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield f"{what} holds {_listed(after, PIECE)} (was {_listed(before, PIECE)})"
    for field in type(old.headings).model_fields:
        before, after = getattr(old.headings, field), getattr(new.headings, field)
        if before != after:
            yield f"the heading {field.replace('_', ' ')} reads '{after}' (was '{before}')"
    if old.annex != new.annex:
        yield f"annexes are called '{new.annex} 1', '{new.annex} 2' … (was '{old.annex} 1')"
    if old.annexes != new.annexes:
        yield f"the edition's annexes: {_listed(new.annexes)} (was {_listed(old.annexes)})"
    if "results" in new.annexes and old.results != new.results:
        yield (f"the results annex opens with wording block '{new.results.opening}' and lists "
               + ("every standard, domain by domain" if new.results.standards == "all" else "the standards rated from cases")
               + ("" if new.results.charts else ", in tables without charts"))
    for field, what in CHAPTER.items():
        before, after = getattr(old.chapter, field), getattr(new.chapter, field)
        if before != after:
            yield f"a standard's chapter {'carries' if after else 'leaves out'} {what}"
    if old.rating_label != new.rating_label:
        yield (f"a standard's rating is printed after '{new.rating_label}'" if new.rating_label else "a standard's rating is printed bare") \
            + (f" (was after '{old.rating_label}')" if old.rating_label else " (was bare)")
    if old.discretion != new.discretion:
        yield ("a rating the panel moved is marked by an asterisk alone in the ratings table" if new.discretion == "asterisk"
               else "a rating the panel moved is marked in the ratings table and explained under it")
    hidden, shown = set(new.unprinted) - set(old.unprinted), set(old.unprinted) - set(new.unprinted)
    if hidden:
        yield f"not printed (kept for screen readers): {_listed(sorted(hidden), UNPRINTED)}"
    if shown:
        yield f"printed again: {_listed(sorted(shown), UNPRINTED)}"


def _order(old: tuple[str, ...], new: tuple[str, ...], names: dict[str, str]) -> Iterator[str]:
    added, gone = _added_and_gone(old, new)
    yield from (f"the report adds {names[part]}, after {_before(new, part, names)}" for part in added)
    yield from (f"the report leaves out {names[part]}" for part in gone)
    kept_old, kept_new = [p for p in old if p in new], [p for p in new if p in old]
    matcher = difflib.SequenceMatcher(a=kept_old, b=kept_new, autojunk=False)
    stay = {kept_new[j] for block in matcher.get_matching_blocks() for j in range(block.b, block.b + block.size)}
    for part in kept_new:
        if part not in stay:
            yield f"{names[part]} now come{'s' if not names[part].endswith('s') else ''} after {_before(new, part, names)}"


def _added_and_gone(old, new) -> tuple[list, list]:
    """What `new` has that `old` has not, and what `old` had that `new` has not, each in its own order."""
    return [item for item in new if item not in old], [item for item in old if item not in new]


def _before(order: tuple[str, ...], part: str, names: dict[str, str]) -> str:
    at = order.index(part)
    return names[order[at - 1]] if at else "nothing (first)"


def _listed(items, names: dict[str, str] | None = None) -> str:
    said = [names.get(i, i) if names else i for i in items]
    return ", ".join(said) if said else "nothing"


def _rules(old: Edition, new: Edition) -> Iterator[str]:
    if [(r.name, r.score) for r in old.scale] != [(r.name, r.score) for r in new.scale]:
        yield f"the scale is {', '.join(f'{r.name} ({r.score})' for r in new.scale)} (was {', '.join(f'{r.name} ({r.score})' for r in old.scale)})"
    if old.case_bands != new.case_bands:
        yield f"a key question's band: {_bands(new.case_bands, '%')} (was {_bands(old.case_bands, '%')})"
    if old.discretion != new.discretion:
        yield (f"discretion is open within {new.discretion.margin} points of a boundary, on {new.discretion.small_sample} or fewer cases"
               f"{', or where one case would change the band' if new.discretion.one_case else ''} (was within {old.discretion.margin}, "
               f"on {old.discretion.small_sample} or fewer)")
    if old.overall != new.overall:
        yield f"the overall rating: {_overall(new)} (was {_overall(old)})"
    for domain in new.domains:
        was = next((d.rating for d in old.domains if d.id == domain.id), None)
        if domain.rating != was:
            yield f"domain {domain.id} {domain.name} is {_area(domain.rating)} (was {_area(was)})"


def _overall(edition: Edition) -> str:
    if edition.overall is None:
        return "none"
    source = "the areas' scores" if edition.overall.rated_from == "areas" else "the scored standards' scores"
    return f"from {source}, {_bands(edition.overall.bands, '')}"


def _area(rating) -> str:
    if rating is None:
        return "not rated as an area"
    if rating.rule == "lowest":
        return "rated as an area by its lowest standard"
    return f"rated as an area by its standards' scores, {_bands(rating.bands, '')}"


def _bands(bands, unit: str) -> str:
    return ", ".join(f"{b.rating} from {b.minimum}{unit}" for b in bands)


def _structure(old: Edition, new: Edition) -> Iterator[str]:
    before, after = _standards(old), _standards(new)
    added, gone = _added_and_gone(before, after)
    yield from (f"standard {ident} {after[ident].name} is added ({_method(after[ident])})" for ident in added)
    yield from (f"standard {ident} {before[ident].name} is left out" for ident in gone)
    for ident, standard in after.items():
        was = before.get(ident)
        if was is None:
            continue
        if was.name != standard.name:
            yield f"standard {ident} is called '{standard.name}' (was '{was.name}')"
        if was.method != standard.method:
            yield f"standard {ident} is {_method(standard)} (was {_method(was)})"
        if was.scored != standard.scored:
            yield f"standard {ident} {'counts' if standard.scored else 'no longer counts'} toward the overall score"
        added, gone = _added_and_gone([k.id for k in was.key_questions], [k.id for k in standard.key_questions])
        yield from (f"key question {kq} is added" for kq in added)
        yield from (f"key question {kq} is left out" for kq in gone)
    if _counts(old) != _counts(new):
        yield "{} domains, {} standards, {} key questions (was {}, {}, {})".format(*_counts(new), *_counts(old))


def _counts(edition: Edition) -> tuple[int, int, int]:
    return len(edition.domains), len(edition.standards()), sum(len(s.key_questions) for s in edition.standards())


def _standards(edition: Edition) -> dict[str, Standard]:
    return {s.id: s for s in edition.standards()}


def _method(standard: Standard) -> str:
    return {"judgement": "rated by judgement", "cases": "rated from the case sample",
            "percentage": "rated from its case assessment score"}[standard.method]


def _wording(old: Edition, new: Edition) -> Iterator[str]:
    """Each change of words once, with every place it is made: 'children?' → 'children and young people?' in 1.1.1, 1.2.1."""
    places: dict[str, list[str]] = {}
    for place, change in _reworded(old, new):
        places.setdefault(change, []).append(place)
    for change, where in places.items():
        yield f"{', '.join(where)}: {change}" if len(where) <= 3 else f"{change}, in {len(where)} places: {', '.join(where)}"


def _reworded(old: Edition, new: Edition) -> Iterator[tuple[str, str]]:
    before = _standards(old)
    for standard in new.standards():
        was = before.get(standard.id)
        if was is None:
            continue
        if was.statement != standard.statement:
            yield f"{standard.id} statement", words_changed(was.statement, standard.statement)
        kqs = {k.id: k for k in was.key_questions}
        for kq in standard.key_questions:
            if kq.id in kqs:
                yield from _key_question(kqs[kq.id], kq)


def _key_question(was: KeyQuestion, kq: KeyQuestion) -> Iterator[tuple[str, str]]:
    for field, what in (("text", ""), ("heading", " as a heading"), ("subsample", " prompt table's heading"), ("footnote", " footnote")):
        before, after = getattr(was, field), getattr(kq, field)
        if before != after and not (field == "heading" and after is None):
            yield f"{kq.id}{what}", words_changed(before or "", after or "")
    prompts = {p.id: p for p in was.prompts}
    for prompt in kq.prompts:
        if prompt.id in prompts and prompts[prompt.id].text != prompt.text:
            yield f"{kq.id} prompt {prompt.id}", words_changed(prompts[prompt.id].text, prompt.text)


def _blocks(what: str, old: dict[str, str], new: dict[str, str]) -> Iterator[str]:
    for key in new:
        if key not in old:
            yield f"{what} '{key}' is added: {_quoted(new[key].split())}"
        elif old[key] != new[key]:
            yield f"{what} '{key}': {words_changed(old[key], new[key])}"
    for key in old:
        if key not in new:
            yield f"{what} '{key}' is left out"


def words_changed(old: str, new: str, limit: int = 4) -> str:
    """The words that change from `old` to `new`: "'the child' → 'the child or young person'; …"."""
    a, b = old.split(), new.split()
    said = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        gone, came = _quoted(a[i1:i2]), _quoted(b[j1:j2])
        said.append(f"adds {came}" if tag == "insert" else f"drops {gone}" if tag == "delete" else f"{gone} → {came}")
    more = f"; and {len(said) - limit} more" if len(said) > limit else ""
    return "; ".join(said[:limit]) + more if said else "spacing only"


def _quoted(words: list[str], most: int = 12) -> str:
    text = " ".join(words)
    return f"'{text}'" if len(words) <= most else f"'{' '.join(words[:most])} …' ({len(words)} words)"
