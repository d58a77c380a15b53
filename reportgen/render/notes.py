"""Footnotes in HTML: the calls, the list and its back-links (markdown-it render rules for html.py), and
on the web page a note repeated word for word printed once and referred to again.

Print sets each note at the foot of the page that calls it, so a note repeated for seven standards
is rightly seven notes there. A web page lists its notes at the end: seven identical notes there
are six too many. Here the parsed tokens of the web page (never the shared ones: print and Word
read those) get each note's first copy only, numbered in order, every call to a copy pointing at
it as a further call (its own back-link), so the numbers still run 1, 2, 3 with no gap.
"""

from __future__ import annotations

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from ..parse import footnote_inlines
from .links import in_page


def shared_notes(tokens: list[Token]) -> list[Token]:
    """`tokens` with repeated notes merged (copies of the tokens that change; the rest shared)."""
    bodies = _bodies(tokens)
    first: dict[tuple, int] = {}
    kept = {ident: first.setdefault(_key(body), ident) for ident, body in bodies.items()}
    if all(ident == keep for ident, keep in kept.items()):
        return tokens
    number = {ident: n for n, ident in enumerate(sorted(set(kept.values())))}  # ids from 0, in first-call order
    calls: dict[int, int] = {}  # calls so far to each note kept: the next call's subId
    out: list[Token] = []
    skipping = False
    for token in tokens:
        if token.type == "footnote_open":
            skipping = kept[token.meta["id"]] != token.meta["id"]
            if not skipping:
                out.append(_renumbered(token, number[token.meta["id"]]))
            continue
        if skipping:
            skipping = token.type != "footnote_close"
            continue
        if token.type == "inline" and any(c.type == "footnote_ref" for c in token.children or ()):
            token = token.copy()
            token.children = [_call(c, kept, number, calls) if c.type == "footnote_ref" else c for c in token.children]
        elif token.type == "footnote_anchor":
            ident = token.meta["id"]
            if token.meta.get("subId", 0) == 0:  # one back-link for each call to the note and its copies
                out += [_renumbered(token, number[ident], sub) for sub in range(calls.get(number[ident], 1))]
            continue
        out.append(token)
    return out


def _bodies(tokens: list[Token]) -> dict[int, list[Token]]:
    """Each note's tokens between its footnote_open and footnote_close, back-links left out."""
    bodies: dict[int, list[Token]] = {}
    current: list[Token] | None = None
    for token in tokens:
        if token.type == "footnote_open":
            current = bodies.setdefault(token.meta["id"], [])
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.type != "footnote_anchor":
            current.append(token)
    return bodies


def _key(body: list[Token]) -> tuple:
    """What a note says, markup and link targets included: two notes with the same key are one."""
    def flat(token: Token) -> tuple:
        return (token.type, token.tag, token.content, tuple(sorted((token.attrs or {}).items())),
                tuple(flat(c) for c in token.children or ()))
    return tuple(flat(t) for t in body)


def _renumbered(token: Token, ident: int, sub: int | None = None) -> Token:
    token = token.copy()
    token.meta = {**token.meta, "id": ident, **({"subId": sub} if sub is not None else {})}
    return token


def _call(token: Token, kept: dict[int, int], number: dict[int, int], calls: dict[int, int]) -> Token:
    ident = number[kept[token.meta["id"]]]
    sub = calls.get(ident, 0)
    calls[ident] = sub + 1
    return _renumbered(token, ident, sub)


def _note_ids(token: Token) -> tuple[int, str]:
    """A footnote's number and the id of this reference to it (repeat references get ':n')."""
    n = token.meta["id"] + 1
    sub = token.meta.get("subId", -1)
    return n, f"fnref{n}" + (f":{sub}" if sub > 0 else "")


def footnote_ref(self, tokens, idx, options, env) -> str:
    """The call, linked to the note at the end (screen), and a copy of the note that print
    floats to the foot of the page (CSS footnotes). A repeat call in the same table as the
    last call to that note carries no second copy: the note is already at that page's foot."""
    n, ref = _note_ids(tokens[idx])
    where = (env["table_count"], env.get("in_table", False))
    repeat = env["note_seen"].get(n) == where and where[1]
    env["note_seen"][n] = where
    name = escapeHtml(env["house"].brand.labels["footnote"].format(n=n))
    if repeat or n - 1 not in env["notes"]:
        return f'<sup class="footnote-ref"><a href="{in_page(env, f"#fn{n}")}" id="{ref}" aria-label="{name}">{n}</a></sup>'
    note = f'<span class="footnote" data-note="{n}">{env["notes"][n - 1]}</span>'
    return f'<sup class="footnote-ref"><a href="{in_page(env, f"#fn{n}")}" id="{ref}" aria-label="{name}" class="screen-call">{n}</a>{note}</sup>'


def note_bodies(tokens: list[Token], md, env) -> dict[int, str]:
    """Each footnote's text as inline HTML by note id, for print to set at the foot of the page."""
    return {
        ident: " ".join(md.renderer.renderInline(t.children or [], md.options, env) for t in inlines)
        for ident, inlines in footnote_inlines(tokens).items()
    }


def footnote_block_open(self, tokens, idx, options, env) -> str:
    """The notes after the report: on the web page under a heading of their own (print sets them at page feet)."""
    label = escapeHtml(env["house"].brand.labels["footnotes"])
    if env.get("page") is None:
        return f'<section class="footnotes" aria-label="{label}">\n<ol class="footnotes-list">\n'
    return (f'<section class="footnotes" aria-labelledby="footnotes">\n<h2 id="footnotes" class="publication-only">'
            f'{label}</h2>\n<ol class="footnotes-list">\n')


def footnote_anchor(self, tokens, idx, options, env) -> str:
    """A back-link to a call of the note; a note called more than once (render/notes.py) numbers the later ones."""
    n, ref = _note_ids(tokens[idx])
    sub = tokens[idx].meta.get("subId", 0)
    words = env["house"].brand.labels
    shown, said = ((f"↩{sub + 1}", words["footnote_back_call"].format(call=sub + 1, n=n)) if sub
                   else ("↩", words["footnote_back"].format(n=n)))
    said = escapeHtml(said)
    return (
        f' <a href="{in_page(env, f"#{ref}")}" class="footnote-backref"><span aria-hidden="true">{shown}</span>'
        f'<span class="visually-hidden">{said}</span></a>'
    )
