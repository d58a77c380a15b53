"""Personal data: what could identify a child, a victim or anyone the report is not about.

Names (people.py); UK postcodes, house-number-and-street addresses, telephone numbers (Google's
`phonenumbers`, UK numbering plan), e-mail addresses other than the publisher's; a date of birth,
an exact date in a child's story or next to a name, a child's age next to a name; National
Insurance numbers (HMRC's format), NHS numbers (`python-stdnum`'s modulus 11 check, or any
10-digit number called an NHS number) and the shapes of case references (PNC, CRO, nDelius CRN).
Everything runs offline on the report's own passages. What the publisher prints of itself
(brand.yml: its address, postcode, e-mail and web domain) is not personal data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..errors import Problem
from .input import CheckInput
from ..house.language import Language
from .people import STORY, Name, lone_name_flagged, name_words, names_in, says_names_changed, unknown_names
from .reading import Passage, own_people, sentences

NAME = "personal-data"
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DAY_DATE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+(?:19|20)\d\d\b|\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
                      r"|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
PERIOD = re.compile(r"\b(?:year|years|period|quarter|months?)\s+(?:to|ending|ended)\s*$|\b(?:between|since|until|from|by|as\s+at|as\s+of|to|and)\s*$",
                    re.IGNORECASE)  # 'in the year to 31 March 2021': a period's bound, not a child's day
BIRTH = re.compile(r"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born)\b", re.IGNORECASE)
POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[\dA-HJKMNPR-Y]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b")
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
NI_NUMBER = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")  # QQ: HMRC's specimen
TEN_DIGITS = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
NHS_WORDS = re.compile(r"\bNHS\s+(?:number|no\.?)\s*:?\s*$", re.IGNORECASE)
CASE_REFERENCE = re.compile(r"\b(?:19|20)?\d{2}/\d{1,7}[A-Z]\b|\b\d{1,6}/\d{2}[A-Z]\b|\b[A-Z]\d{6}\b"
                            r"|\b(?:case|crime|court|PNC|CRO|CRN)\s+(?:ref(?:erence)?|number|no)\.?\s*:?\s*[A-Z0-9][A-Z0-9/-]*\d[A-Z0-9/-]*", re.IGNORECASE)
INTERNATIONAL = re.compile(r"\+\s?\d")  # '+44 …', '+33 …': phonenumbers reads any country's
UK_PHONE = re.compile(r"(?<![\d,.])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d,])")  # as UK numbers are written
AGE_AFTER = re.compile(r"^(?:['’]s)?\s*(?:,\s*|\(\s*|\s+(?:was|is|had\s+been)\s+)(?:(?:a|an)\s+)?(?:aged\s+|age\s+)?(\d{1,2})"
                       r"(?:\s*\)|[- ]years?[- ]old\b|\s*,|\s+years\b)")
AGE_BEFORE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\s+(?:(?:boy|girl|child|male|female)\s+)?$")


def check(given: CheckInput) -> list[Problem]:
    lang = given.house.words
    passages = [p for p in given.passages if not given.is_own_person(p.path)]
    changed = says_names_changed(given.passages)
    own = _own_words(given, lang)
    places = _place_words(given)
    publisher = _publisher(given)
    problems: list[Problem] = []
    for passage in passages:
        def flag(index: int, found: str, expected: str, passage: Passage = passage) -> None:
            problems.append(given.problem(NAME, passage.path, passage.offset(index), found, expected))

        names = list(names_in(passage, lang, own, places))
        for name in names:
            if name.full and not name.own and not _acknowledged(passage):
                flag(name.start, f"the full name {name.text!r}", "no person's full name but the report's own people "
                     "(lead inspector, signatory, team, acknowledgements): a changed first name at most")
            elif lone_name_flagged(name, passage, lang, changed):
                flag(name.start, f"the first name {name.text!r}" + (" in a child's story" if passage.context & STORY else ""),
                     "no real name of a child or anyone else: a changed name, with the report saying names were changed")
        strangers = list(unknown_names(passage, lang, changed, {n.start for n in names}))
        for name in strangers:
            flag(name.start, f"what reads as the name {name.text!r} in a child's story",
                 "no real name: a changed name, with the report saying names were changed")
        for start, found, expected in [*_contacts(passage, lang, publisher), *_dates_and_ages(passage, lang, [*names, *strangers])]:
            flag(start, found, expected)
    return problems


def _contacts(passage: Passage, lang: Language, publisher: tuple[set[str], set[str]]):
    text = passage.text
    texts, domains = publisher
    for match in POSTCODE.finditer(text):
        if not _publishers(match.group(), texts):
            yield match.start(), f"the postcode {match.group()!r}", "no postcode: a place is named by its area at most"
    street = "|".join(sorted(lang.street_words))
    for match in re.finditer(rf"\b(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){{1,3}}(?:{street})\b", text):
        if not _publishers(match.group(), texts):
            yield match.start(), f"the address {match.group()!r}", "no house number and street: a place is named by its area at most"
    addresses = dict.fromkeys(m.group() for m in EMAIL.finditer(" ".join([text, *passage.hrefs])))  # a link's text and its mailto: once
    for address in addresses:
        if not any(address.lower().endswith(("@" + d, "." + d)) for d in domains):
            yield max(text.find(address), 0), f"the e-mail address {address!r}", "no e-mail address but the publisher's"
    yield from _numbers(text)


def _publishers(found: str, texts: set[str]) -> bool:
    return any(found in text for text in texts)


def _numbers(text: str):
    """Telephone numbers: every number `phonenumbers` finds valid, and every one written as UK numbers are
    (0 or +44, 10 or 11 digits: Ofcom's numbers for drama too), but helplines and services' 0800, 03 and 09 numbers."""
    if not (UK_PHONE.search(text) or INTERNATIONAL.search(text)):
        yield from _identifiers(text, [])  # no number that could be a telephone's: phonenumbers is not even imported
        return
    import phonenumbers
    from phonenumbers import PhoneNumberType as Type

    service = {Type.TOLL_FREE, Type.PREMIUM_RATE, Type.SHARED_COST, Type.UAN}
    found = {m.start: (m.raw_string, m.number) for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID)}
    for match in UK_PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group().replace("+44", "0").replace("(0)", ""))
        if len(digits) in (10, 11) and not any(s <= match.start() < s + len(r) for s, (r, _) in found.items()):
            found[match.start()] = (match.group(), phonenumbers.parse(digits, "GB"))
    phones = []
    for start, (raw, number) in sorted(found.items()):
        phones.append((start, start + len(raw)))
        if phonenumbers.number_type(number) not in service:
            yield start, f"the telephone number {raw!r}", "no telephone number: the publisher's contact details are on its page"
    yield from _identifiers(text, phones)


def _identifiers(text: str, phones: list[tuple[int, int]]):
    """National Insurance and NHS numbers, case references."""
    for match in NI_NUMBER.finditer(text):
        yield match.start(), f"the National Insurance number {match.group()!r}", "no National Insurance number"
    for match in TEN_DIGITS.finditer(text):
        if any(s <= match.start() < e for s, e in phones):
            continue
        from stdnum.gb import nhs

        if nhs.is_valid(match.group()) or NHS_WORDS.search(text[:match.start()]):
            yield match.start(), f"the NHS number {match.group()!r}", "no NHS number"
    for match in CASE_REFERENCE.finditer(text):
        yield match.start(), f"what has the shape of a case reference {match.group()!r}", "no case, police or court reference"


def _dates_and_ages(passage: Passage, lang: Language, names: list[Name]):
    text = passage.text
    story = bool(passage.context & STORY)
    for start, sentence in sentences(passage) if DAY_DATE.search(text) else ():
        end = start + len(sentence)
        people = [n for n in names if start <= n.start < end and not n.own]
        child = _one_child(lang).search(sentence)
        for match in DAY_DATE.finditer(sentence):
            if BIRTH.search(sentence[:match.start()]):
                yield start + match.start(), f"the date of birth {match.group()!r}", "no date of birth"
            elif people or story or (child and not PERIOD.search(sentence[:match.start()])):
                yield start + match.start(), f"the exact date {match.group()!r} next to a child", "the month or the year at most"
    for name in names:
        after = AGE_AFTER.match(text[name.start + len(name.text):])
        before = AGE_BEFORE.search(text[max(0, name.start - 30):name.start])
        if after or before:
            shown = text[name.start:name.start + len(name.text) + after.end()] if after else before.group() + name.text
            yield name.start, f"a child's age next to a name {shown.strip()!r}", "no age next to a name: the age or the name, not both"


@lru_cache(maxsize=4)
def _one_child(lang: Language) -> re.Pattern:
    """'a child', 'the young person', 'this boy': one child is meant."""
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lang.child_words)
    return re.compile(rf"\b(?:a|the|one|this|each)\s+(?:{words})\b", re.IGNORECASE)


def _own_words(given: CheckInput, lang: Language) -> set[str]:
    """Capitalised words of the report's own people: lead inspector, signatory, team, acknowledgements,
    and the people the edition's fixed text names."""
    texts = [text for _, text in own_people(given.findings)]
    texts += [p.text for p in given.passages if _acknowledged(p)]
    texts += [*given.edition.boilerplate.values(), *given.edition.footnotes.values()]
    return name_words(texts)


def _acknowledged(passage: Passage) -> bool:
    return passage.path[:1] == ("acknowledgements_note",) or passage.path[:2] == ("boilerplate", "acknowledgements")


def _place_words(given: CheckInput) -> set[str]:
    service = given.findings.service
    return set(re.findall(r"[A-Z][A-Za-z]+", " ".join([service.name, service.short_name, service.area])))


def _publisher(given: CheckInput) -> tuple[set[str], set[str]]:
    """What the publisher prints of itself: its address lines and e-mail, and its web domain."""
    publisher = given.house.brand.publisher
    texts = set(publisher.address) | {publisher.email or ""}
    host = urlsplit(publisher.url).hostname or ""
    domains = {host.removeprefix("www."), *(e.split("@")[-1].lower() for e in [publisher.email] if e)} - {""}
    texts |= {m.group() for line in publisher.address for m in POSTCODE.finditer(line)}
    return texts, domains
