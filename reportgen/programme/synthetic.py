"""Realistic synthetic findings across the editions, for the benchmarks and the tests: invented services only.

Each file is written from its edition's data (domains, standards, key questions, prompts, scale,
case bands, the facts its boilerplate states, the months it was in use), so a new edition needs
no new code here. Numbers
come from a seeded generator: the same seed gives the same files. A service has a quality that
drifts between inspections, so ratings, percentages and case counts hang together as real ones
do. About one area in six is inspected again years later under a later edition, its service
named differently ('… Youth Offending Team' then '… Youth Justice Service'): re-inspections are
matched by area. Every service is clearly invented: its area and name say '(invented)' and the
foreword says the report is made up.

    python -m reportgen.programme.synthetic DIR --count 200 --seed 1
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import Edition, Standard, StandardFindings
from ..rate import rate_standard

LATER = ((2025, 1), (2027, 12))  # an edition that does not say when it was in use
KINDS = (("Youth Offending Team", "YOT"), ("Youth Offending Service", "YOS"), ("Youth Justice Service", "YJS"))
FIRST = ("Quill", "Yarrow", "Kestle", "Gorsen", "Sedgel", "Hollin", "Brackle", "Fennick", "Larkspur", "Rookery",
         "Thistle", "Wrenning", "Marlow", "Nettle", "Oxlip", "Pennyroyal", "Ravel", "Sorrel", "Teasel", "Umber")
LAST = ("mere", "vale", "moor", "ford", "wick", "stead", "borough", "field", "shire", "holm", "by", "combe")
PEOPLE = ("Alex", "Sam", "Jo", "Robin", "Charlie", "Jamie", "Morgan", "Riley", "Casey", "Drew")
SURNAMES = ("Example", "Sample", "Specimen", "Instance", "Placeholder")
GOOD = ("Case managers knew the children well and built trusting relationships with them and their families.",
        "Work was well planned, timely and reviewed when circumstances changed.",
        "Managers gave clear, reflective supervision, and staff valued it.",
        "Partners shared information promptly, so decisions rested on a full picture of the child.",
        "The voice of the child and of their parents or carers was evident throughout the records we read.",
        "Staff paid close attention to diversity and to what helped each child engage.")
POOR = ("Too often, work to keep other people safe was not planned in enough detail.",
        "Records did not always show why decisions had been made, or who was responsible for the next step.",
        "Reviews were not always completed when a child's circumstances changed.",
        "Contingency plans were too general to guide staff if risks increased.",
        "Some children waited too long for the education, training or health support they needed.",
        "Management oversight did not consistently pick up gaps in the quality of work.")
RECOMMENDATIONS = ("improve the quality of planning to keep the child and other people safe",
                   "make sure that management oversight identifies and addresses gaps in practice",
                   "develop the use of performance data to shape services for children",
                   "strengthen the involvement of children and their parents or carers in planning",
                   "review the provision of education, training and employment for children in the service",
                   "make sure that the out-of-court disposal policy is understood by all partners")


@dataclass(frozen=True)
class Invented:
    """A service that does not exist, named as its era would name it."""

    area: str
    name: str
    short_name: str


def invented(place: str, kind: tuple[str, str]) -> Invented:
    return Invented(f"{place} (invented)", f"{place} {kind[0]} (invented)", f"{place} {kind[1]}")


def places(count: int, rng: random.Random) -> list[str]:
    """`count` distinct invented place names."""
    names = [f"{a}{b}" for a in FIRST for b in LAST]
    rng.shuffle(names)
    if count > len(names):
        names += [f"{name} {n}" for n in range(2, count // len(names) + 2) for name in list(names)]
    return names[:count]


def period(edition: Edition) -> tuple[tuple[int, int], tuple[int, int]]:
    """The months reports were published under the edition (its `in_use`; three years where it is still in use)."""
    if edition.in_use is None:
        return LATER
    first = tuple(int(n) for n in edition.in_use.first.split("-"))
    last = tuple(int(n) for n in edition.in_use.last.split("-")) if edition.in_use.last else (first[0] + 3, first[1])
    return first, last


def month_in(period: tuple[tuple[int, int], tuple[int, int]], rng: random.Random) -> date:
    (y1, m1), (y2, m2) = period
    first, last = y1 * 12 + m1 - 1, y2 * 12 + m2 - 1
    n = rng.randint(first, last)
    return date(n // 12, n % 12 + 1, 1)


def sentences(rng: random.Random, quality: float, n: int) -> str:
    """n sentences, more of them good the better the service."""
    return " ".join(rng.choice(GOOD if rng.random() < quality else POOR) for _ in range(n))


def paragraphs(rng: random.Random, quality: float, count: int, lead: str = "") -> str:
    parts = [sentences(rng, quality, rng.randint(3, 5)) for _ in range(count)]
    if lead:
        parts[0] = f"{lead} {parts[0]}"
    return "\n\n".join(parts) + "\n"


def scale_rating(edition: Edition, quality: float, rng: random.Random) -> str:
    """A judgement: the scale word nearest the service's quality, give or take one band."""
    words = [r.name for r in edition.scale]
    index = round(quality * (len(words) - 1) + rng.gauss(0, 0.45))
    return words[max(0, min(len(words) - 1, index))]


def key_question_counts(kq, cases: int, quality: float, rng: random.Random, percent_only: bool) -> dict[str, Any]:
    relevant = cases if rng.random() < 0.6 else rng.randint(max(1, cases // 2), cases)
    chance = min(0.99, max(0.05, 0.45 + 0.5 * quality + rng.gauss(0, 0.06)))
    yes = sum(rng.random() < chance for _ in range(relevant))
    if percent_only:
        return {"percent": (200 * yes + relevant) // (2 * relevant)}
    counts: dict[str, Any] = {"relevant": relevant, "yes": yes}
    if kq.prompts:
        counts["prompts"] = {}
        for prompt in kq.prompts:
            asked = relevant if rng.random() < 0.7 else rng.randint(1, relevant)
            counts["prompts"][prompt.id] = {"relevant": asked, "yes": sum(rng.random() < chance for _ in range(asked))}
        drawn = list(counts["prompts"].values())
        if len(drawn) >= 3 and all(c == drawn[0] for c in drawn) and drawn[0]["yes"] < drawn[0]["relevant"]:
            drawn[-1]["yes"] += 1  # identical counts with a 'No' read as a copied placeholder (check 'figures'); real ones differ
    return counts


def standard_findings(standard: Standard, edition: Edition, cases: int | None, quality: float, rng: random.Random,
                      percent_only: bool, area: str) -> dict[str, Any]:
    found: dict[str, Any] = {"id": standard.id}
    noun = standard.noun or standard.name.lower()
    if standard.method == "judgement":
        found["rating"] = scale_rating(edition, quality, rng)
        found["strengths"] = [rng.choice(GOOD) for _ in range(rng.randint(2, 3))]
        found["areas_for_improvement"] = [rng.choice(POOR) for _ in range(rng.randint(1, 3))]
    if standard.method == "percentage" or (standard.method == "judgement" and standard.score_statement):
        found["percent"] = max(5, min(98, round(40 + 50 * quality + rng.gauss(0, 6))))
    if standard.key_questions:
        found["key_questions"] = {}
        for kq in standard.key_questions:
            entry = key_question_counts(kq, cases or 20, quality, rng, percent_only) if standard.method == "cases" else {}
            entry["narrative"] = paragraphs(rng, quality, rng.randint(1, 2))
            found["key_questions"][kq.id] = entry
    found["narrative"] = paragraphs(rng, quality, rng.randint(1, 2), f"We inspected {noun} in {area}.")
    if standard.method == "cases":
        _maybe_discretion(standard, edition, found, rng)
    return found


def _maybe_discretion(standard: Standard, edition: Edition, found: dict[str, Any], rng: random.Random) -> None:
    """Now and then a ratings panel moves a computed rating one band, where the rules open discretion."""
    result = rate_standard(standard, StandardFindings.model_validate(found), edition)
    open_ = sorted(result.discretion_open)
    if not open_ or rng.random() > 0.04:
        return
    words = [r.name for r in edition.scale]
    step = 1 if rng.choice(open_) == "up" else -1
    index = words.index(result.computed) + step
    if 0 <= index < len(words):
        found["discretion"] = {"rating": words[index], "rationale": "The ratings panel weighed the quality of the work "
                               "seen in the cases close to the boundary and judged that this rating better reflects it."}


def findings(edition: Edition, service: Invented, published: date, quality: float, rng: random.Random) -> dict[str, Any]:
    """One inspection's findings as plain data, valid for `reportgen check --final`."""
    counted = {d.id for d in edition.domains for s in d.standards if s.method != "judgement" or s.score_statement}
    counted |= {d.id for d in edition.domains if f"cases['{d.id}']" in " ".join(edition.boilerplate.values())}
    percent_only = rng.random() < 0.1
    lead = f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}"
    domains = []
    for domain in edition.domains:
        cases = rng.randint(12, 40) if domain.id in counted else None
        entry: dict[str, Any] = {"id": domain.id}
        if cases is not None:
            entry["cases"] = cases
        entry["introduction"] = paragraphs(rng, quality, 1)
        entry["strengths"] = [rng.choice(GOOD) for _ in range(2)]
        entry["areas_for_improvement"] = [rng.choice(POOR) for _ in range(2)]
        entry["standards"] = [standard_findings(s, edition, cases, quality, rng, percent_only, service.area)
                              for s in domain.standards]
        domains.append(entry)
    population = rng.randint(90, 400) * 1000 + rng.randint(0, 999)
    boys = rng.randint(78, 92)
    older = rng.randint(70, 88)
    return {
        "edition": edition.id,
        "service": {"name": service.name, "short_name": service.short_name, "area": service.area},
        "inspection": {"published": published, "fieldwork": f"{_month(published, -3)}", "lead_inspector": lead,
                       "interviews": rng.randint(15, 40), "meetings": rng.randint(8, 25)},
        "introduction": {
            "heading": "Foreword",
            "body": "**This report is invented.** It was made by reportgen's generator of synthetic findings and "
                    f"describes no real service: {service.area} does not exist, and every name, figure and finding is made up.\n\n"
                    + paragraphs(rng, quality, 1),
            "signatory": {"name": f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}", "role": "Chief Inspector (invented)"},
        },
        "recommendations": [{"addressee": f"{service.name} should:",
                             "recommendations": rng.sample(RECOMMENDATIONS, rng.randint(3, 5))}],
        "background": paragraphs(rng, quality, 2, f"{service.area} is an invented area.[^invented]"),
        "contextual_facts": [{
            "heading": "Population information",
            "facts": [{"value": f"{population:,}", "label": f"Total population of {service.area}"},
                      {"value": f"{population // 10:,}", "label": "Children aged 10 to 17"}],
            "comparisons": [
                {"dimension": "Age", "categories": ["10–14", "15–17"], "service": [100 - older, older], "national": [22, 78]},
                {"dimension": "Gender", "categories": ["Male", "Female"], "service": [boys, 100 - boys], "national": [85, 15]},
            ],
        }],
        "domains": domains,
        "footnotes": {"invented": "Synthetic findings for testing reportgen; no real service is described."},
        "words": ["reportgen"],  # the spelling check's judged word: the tool's own name, which the text cites
    }


def _month(published: date, offset: int) -> str:
    n = published.year * 12 + published.month - 1 + offset
    return date(n // 12, n % 12 + 1, 1).strftime("%B %Y")


def programme(editions: dict[str, Edition], count: int, seed: int = 1) -> list[tuple[str, dict[str, Any]]]:
    """`count` inspections (file stem, findings data) spread over the editions' periods, about one
    in six a re-inspection of an area inspected earlier under an earlier edition, its service renamed."""
    rng = random.Random(seed)
    order = sorted(editions, key=lambda e: period(editions[e]))
    revisits = count // 6 if len(order) > 1 else 0
    made: list[tuple[str, dict[str, Any]]] = []
    earlier: list[tuple[str, int, float, tuple[str, str], date]] = []  # areas to revisit, as first inspected
    for n, place in enumerate(places(count - revisits, rng)):
        index = rng.randrange(len(order) - 1) if n < revisits else rng.randrange(len(order))
        quality = rng.betavariate(3, 2.2)
        kind = rng.choice(KINDS[:2] if index < len(order) - 1 else KINDS)
        made.append(_one(editions[order[index]], invented(place, kind), quality, rng))
        if n < revisits:
            earlier.append((place, index, quality, kind, made[-1][1]["inspection"]["published"]))
    for place, index, quality, kind, first in earlier:  # two years on at least, under a later edition
        later = [i for i in range(index + 1, len(order)) if period(editions[order[i]])[1] >= (first.year + 2, first.month)]
        edition = editions[order[rng.choice(later)]] if later else editions[order[-1]]
        drift = min(1.0, max(0.0, quality + rng.gauss(0.05, 0.2)))
        renamed = KINDS[2] if kind != KINDS[2] else KINDS[0]
        made.append(_one(edition, invented(place, renamed), drift, rng, not_before=date(first.year + 2, first.month, 1)))
    stems: dict[str, int] = {}
    for i, (stem, data) in enumerate(made):  # two inspections of one area in one year: -2
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:
            made[i] = (f"{stem}-{stems[stem]}", data)
    return made


def _one(edition: Edition, service: Invented, quality: float, rng: random.Random,
         not_before: date | None = None) -> tuple[str, dict[str, Any]]:
    (start, end) = period(edition)
    if not_before is not None:
        start = max(start, (not_before.year, not_before.month))
        end = max(end, start)
    published = month_in((start, end), rng)
    place = service.area.removesuffix(" (invented)")
    return f"{place.lower().replace(' ', '-')}-{published.year}", findings(edition, service, published, quality, rng)


def dump(data: dict[str, Any], seed: int) -> str:
    header = (f"# SYNTHETIC findings made by reportgen.programme.synthetic (seed {seed}): the service, the people,\n"
              "# the numbers and the findings are invented; no real youth justice service is described.\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def write(folder: Path, editions: dict[str, Edition], count: int, seed: int = 1) -> list[Path]:
    """Write `count` synthetic findings files into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, data in programme(editions, count, seed):
        path = folder / f"{stem}.yml"
        path.write_text(dump(data, seed), encoding="utf-8")
        paths.append(path)
    return paths


def shipped_editions() -> dict[str, Edition]:
    from ..house import Folders, load_house

    house = load_house(Folders.given(environ={}))
    return {name: house.edition(name) for name in house.editions}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reportgen.programme.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the findings files")
    parser.add_argument("--count", type=int, default=20, help="how many inspections (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1): the same seed, the same files")
    args = parser.parse_args(argv)
    paths = write(args.folder, shipped_editions(), args.count, args.seed)
    print(f"wrote {len(paths)} synthetic findings files to {args.folder}")


if __name__ == "__main__":
    main()
