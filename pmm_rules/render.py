"""Renderings of an advice: a note in Dutch (or English) as a senior colleague would write it, Markdown, HTML."""

from __future__ import annotations

import html
from typing import Literal

from .advice import Advice, Citation

Lang = Literal["nl", "en"]

_WORDS = {
    "nl": {
        "title": "Advies casus", "peildatum": "peildatum", "needs": "Behoeften",
        "none_needs": "Geen behoeften opgegeven.",
        "applies": "geldt", "excluded": "uitgesloten", "undetermined": "onbepaald",
        "responsible": "Verantwoordelijk", "executes": "uitvoering", "pays": "betaalt", "no_responsible":
        "Nog geen eenduidig verantwoordelijke regeling.", "collisions": "Knelpunten", "none": "Geen.",
        "escalation": "Route", "next": "Volgende stap", "current": "Huidige stap", "timeouts": "Time-outs",
        "months": "maanden", "extension": "verlenging", "via": "via", "deadlines": "Termijnen",
        "bridging": "Overbrugging", "bridging_yes": "De overbruggingsprocedure (via het LMM) past bij",
        "bridging_no": "Overbrugging is niet aan de orde.", "likely": "Waarschijnlijke eindfinancier",
        "unknown_financier": "nog niet met vertrouwen te zeggen", "candidates": "Kandidaten",
        "leeway": "Ruimte in de wet",
        "limits": "Grenzen", "missing": "Ontbrekende feiten die het advies kunnen veranderen",
        "sources": "Bronnen", "receipt": "Verantwoording", "for": "voor", "creditors": "schuldeisers",
        "all_creditors": "alle schuldeisers",
        "score": "score", "unverified": "onbevestigd", "likely_conf": "waarschijnlijk",
    },
    "en": {
        "title": "Advice for case", "peildatum": "reference date", "needs": "Needs", "none_needs": "No needs given.",
        "applies": "applies", "excluded": "excluded", "undetermined": "undetermined",
        "responsible": "Responsible", "executes": "executed by", "pays": "paid by", "no_responsible":
        "No single responsible regime yet.", "collisions": "Collisions", "none": "None.",
        "escalation": "Route", "next": "Next step", "current": "Current step", "timeouts": "Time-outs",
        "months": "months", "extension": "extension", "via": "via", "deadlines": "Deadlines",
        "bridging": "Bridging", "bridging_yes": "The overbruggingsprocedure (through the LMM) fits",
        "bridging_no": "Bridging is not called for.", "likely": "Likely final financier",
        "unknown_financier": "cannot be said with confidence yet", "candidates": "Candidates", "leeway": "Leeway",
        "limits": "Limits", "missing": "Missing facts that could change the advice",
        "sources": "Sources", "receipt": "Receipt", "for": "for", "creditors": "creditors",
        "all_creditors": "all creditors",
        "score": "score", "unverified": "unverified", "likely_conf": "likely",
    },
}


def article_text(c: Citation) -> str:
    """`wlz art. 3.1.1 lid 1 sub a`, as a Dutch jurist cites it."""
    lid = f" lid {c.paragraph}" if c.paragraph else ""
    part = f" sub {c.sub}" if c.sub else ""
    return f"{c.law} art. {c.article}{lid}{part}"


def cite(c: Citation, lang: Lang = "nl") -> str:
    w = _WORDS[lang]
    text = (c.title or c.url or "?") if c.kind == "practice" or not c.article else article_text(c)
    if c.confidence != "verified":
        text += f" ({w['unverified'] if c.confidence == 'unverified' else w['likely_conf']})"
    return text


def _cites(citations: list[Citation], lang: Lang) -> str:
    return "; ".join(cite(c, lang) for c in citations)


def to_text(advice: Advice, lang: Lang = "nl") -> str:
    """A plain-text note: what applies, what blocks, what to do next, with the articles behind each point."""
    w = _WORDS[lang]
    out = [f"{w['title']} {advice.case_id} ({w['peildatum']} {advice.reference_date})",
           getattr(advice.disclaimer, lang), ""]
    out.append(f"{w['needs']}:")
    if not advice.needs:
        out.append(f"  {w['none_needs']}")
    for need in advice.needs:
        ctx = f", {need.context}" if need.context else ""
        out.append(f"- {need.need} ({need.provision}{ctx}, {w['for']} {need.member})")
        for regime in need.regimes:
            out.append(f"    {regime.law}: {w[regime.status]} — {_cites(regime.citations, lang)}")
        if need.responsible:
            r = need.responsible
            out.append(f"    {w['responsible']}: {r.law} ({w['executes']} {r.executor or '?'}, "
                       f"{w['pays']} {r.financier or '?'})")
        else:
            out.append(f"    {w['no_responsible']}")
    out += ["", f"{w['collisions']}:"]
    if not advice.collisions:
        out.append(f"  {w['none']}")
    for col in advice.collisions:
        where = f" [{col.need}]" if col.need else ""
        out.append(f"- {col.kind}{where}: {getattr(col.explanation, lang)}")
        out.append(f"    ({_cites(col.citations, lang)})")
    esc = advice.escalation
    out += ["", f"{w['escalation']}: " + " → ".join(f"{s.step} ({s.status})" for s in esc.route)]
    out.append(f"  {w['current']}: {esc.current_step or '-'}; {w['next']}: {esc.next_step or '-'}")
    for reason in esc.reasons:
        out.append(f"  {getattr(reason, lang)}")
    nxt = next((s for s in esc.route if s.step == esc.next_step), None)
    if nxt and (nxt.acts or nxt.prepare):
        if nxt.acts:
            out.append(f"  {nxt.acts}")
        if nxt.prepare:
            out.append(f"  {nxt.prepare}")
        for figure in nxt.figures:
            out.append(f"  · {figure}")
    if advice.timeouts:
        out += ["", f"{w['timeouts']}:"]
        for t in advice.timeouts:
            months = f", max. {t.max_months} {w['months']}" if t.max_months else ""
            ext = f" (+{t.extension_months} {w['extension']})" if t.extension_months else ""
            creditors = (f", {w['all_creditors']}" if t.all_creditors
                         else f", {w['creditors']}: {', '.join(t.creditors)}" if t.creditors else "")
            out.append(f"- {t.instrument} {w['via']} {t.via}{months}{ext}{creditors} — {_cites(t.citations, lang)}")
            for cond in t.conditions:
                out.append(f"    · {getattr(cond, lang)}")
    if advice.deadlines:
        out += ["", f"{w['deadlines']}:"]
        for d in advice.deadlines:
            out.append(f"- {d.deadline}: {d.amount} {d.unit} ({d.actor}) — {getattr(d.explanation, lang)} "
                       f"({_cites(d.citations, lang)})")
    b = advice.bridging
    out += ["", f"{w['bridging']}:"]
    if b.applicable:
        out.append(f"  {w['bridging_yes']}: {', '.join(b.needs)}.")
        out.append(f"  {w['likely']}: {b.likely_financier or w['unknown_financier']}.")
        for cand in b.candidates:
            reasons = "; ".join(getattr(r, lang) for r in cand.reasons)
            out.append(f"  - {cand.law} ({cand.financier or '?'}), {w['score']} {cand.score}: {reasons}")
    else:
        out.append(f"  {w['bridging_no']}")
    if advice.leeway:
        out += ["", f"{w['leeway']}:"]
        for lw in advice.leeway:
            out.append(f"- {lw.basis} → {lw.target}: {getattr(lw.explanation, lang)}")
            if lw.limits:
                out.append(f"    {w['limits']}: {getattr(lw.limits, lang)}")
    if advice.missing_facts:
        out += ["", f"{w['missing']}:"]
        for m in advice.missing_facts:
            out.append(f"- {getattr(m.question, lang)} [{m.path}]")
    receipt = advice.receipt
    out += ["", f"{w['receipt']}: {receipt.engine_version} ({receipt.backend}), {receipt.rule_count} rules, "
                f"sha256 {receipt.rules_sha256[:16]}…, {receipt.evaluated_at}"]
    return "\n".join(out) + "\n"


def to_markdown(advice: Advice, lang: Lang = "nl") -> str:
    w = _WORDS[lang]
    out = [f"# {w['title']} `{advice.case_id}`", "", f"*{getattr(advice.disclaimer, lang)}*", "",
           f"{w['peildatum']}: {advice.reference_date}", "", f"## {w['needs']}", ""]
    if advice.needs:
        out += ["| need | provision | regimes | responsible | collisions |", "|---|---|---|---|---|"]
    for need in advice.needs:
        regimes = "<br>".join(f"{r.law}: {w[r.status]}" for r in need.regimes) or "–"
        resp = (f"{need.responsible.law} ({need.responsible.executor}/{need.responsible.financier})"
                if need.responsible else "–")
        out.append(f"| {need.need} | {need.provision} | {regimes} | {resp} | {', '.join(need.collisions) or '–'} |")
    out += ["", f"## {w['collisions']}", ""]
    out += [f"- **{c.kind}** {c.need or ''}: {getattr(c.explanation, lang)} ({_cites(c.citations, lang)})"
            for c in advice.collisions] or [w["none"]]
    esc = advice.escalation
    out += ["", f"## {w['escalation']}", "", " → ".join(f"{s.step} ({s.status})" for s in esc.route), "",
            f"**{w['next']}:** {esc.next_step or '–'}"]
    out += [f"- {getattr(r, lang)}" for r in esc.reasons]
    if advice.timeouts:
        out += ["", f"## {w['timeouts']}", ""]
        out += [f"- **{t.instrument}** {w['via']} {t.via}"
                + (f", max. {t.max_months} {w['months']}" if t.max_months else "")
                + (f" ({w['all_creditors']})" if t.all_creditors else f" ({', '.join(t.creditors)})" if t.creditors
                   else "") + f" — {_cites(t.citations, lang)}"
                for t in advice.timeouts]
    if advice.deadlines:
        out += ["", f"## {w['deadlines']}", ""]
        out += [f"- **{d.deadline}**: {d.amount} {d.unit} — {_cites(d.citations, lang)}" for d in advice.deadlines]
    b = advice.bridging
    out += ["", f"## {w['bridging']}", ""]
    if b.applicable:
        out.append(f"{w['bridging_yes']}: {', '.join(b.needs)}. {w['likely']}: "
                   f"**{b.likely_financier or w['unknown_financier']}**.")
        out += [f"- {c.law} ({c.financier}), {w['score']} {c.score}: "
                + "; ".join(getattr(r, lang) for r in c.reasons) for c in b.candidates]
    else:
        out.append(w["bridging_no"])
    if advice.leeway:
        out += ["", f"## {w['leeway']}", ""]
        out += [f"- **{lw.basis}** → {lw.target}: {getattr(lw.explanation, lang)}" for lw in advice.leeway]
    if advice.missing_facts:
        out += ["", f"## {w['missing']}", ""]
        out += [f"- {getattr(m.question, lang)} (`{m.path}`)" for m in advice.missing_facts]
    r = advice.receipt
    out += ["", "---", f"{w['receipt']}: {r.engine_version} ({r.backend}), sha256 `{r.rules_sha256}`, "
                       f"{r.evaluated_at}", ""]
    return "\n".join(out)


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;"
        "vertical-align:top}.disclaimer{background:#fff4d6;padding:.6rem;border-left:4px solid #e0a800}"
        ".applies{color:#0a6b2d}.excluded{color:#a40e26}.undetermined{color:#7a5a00}code{font-size:90%}")


def to_html(advice: Advice, lang: Lang = "nl") -> str:
    """One self-contained page (no scripts, no external resources)."""
    w = _WORDS[lang]
    e = html.escape

    def cites(citations: list[Citation]) -> str:
        parts = []
        for c in citations:
            label = e(cite(c, lang))
            parts.append(f'<a href="{e(c.url)}">{label}</a>' if c.url else label)
        return "; ".join(parts)

    rows = []
    for need in advice.needs:
        regimes = "<br>".join(f'{e(r.law)}: <span class="{r.status}">{w[r.status]}</span> '
                              f"<small>{cites(r.citations)}</small>" for r in need.regimes) or "–"
        resp = (f"{e(need.responsible.law)} ({e(need.responsible.executor or '?')} / "
                f"{e(need.responsible.financier or '?')})" if need.responsible else e(w["no_responsible"]))
        rows.append(f"<tr><td>{e(need.need)}</td><td>{e(need.provision)}</td><td>{regimes}</td><td>{resp}</td>"
                    f"<td>{e(', '.join(need.collisions)) or '–'}</td></tr>")
    collisions = "".join(f"<li><b>{e(c.kind)}</b> {e(c.need or '')}: {e(getattr(c.explanation, lang))} "
                         f"<small>({cites(c.citations)})</small></li>" for c in advice.collisions)
    esc = advice.escalation
    route = " → ".join(f"<b>{e(s.step)}</b>&nbsp;({e(s.status)})" if s.step == esc.next_step
                       else f"{e(s.step)}&nbsp;({e(s.status)})" for s in esc.route)
    timeouts = "".join(f"<li><b>{e(t.instrument)}</b> {w['via']} {e(t.via)}"
                       + (f", max. {t.max_months} {w['months']}" if t.max_months else "")
                       + f" <small>({cites(t.citations)})</small></li>" for t in advice.timeouts)
    b = advice.bridging
    bridging = (f"<p>{e(w['bridging_yes'])}: {e(', '.join(b.needs))}. {e(w['likely'])}: "
                f"<b>{e(b.likely_financier or w['unknown_financier'])}</b>.</p>" if b.applicable
                else f"<p>{e(w['bridging_no'])}</p>")
    leeway = "".join(f"<li><b>{e(lw.basis)}</b> → {e(lw.target)}: {e(getattr(lw.explanation, lang))} "
                     f"<small>({cites(lw.citations)})</small></li>" for lw in advice.leeway)
    missing = "".join(f"<li>{e(getattr(m.question, lang))} <code>{e(m.path)}</code></li>"
                      for m in advice.missing_facts)
    r = advice.receipt
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{e(w['title'])} {e(advice.case_id)}</title>
<style>{_CSS}</style></head><body>
<h1>{e(w['title'])} {e(advice.case_id)}</h1>
<p class="disclaimer">{e(getattr(advice.disclaimer, lang))}</p>
<p>{e(w['peildatum'])}: {e(advice.reference_date)}</p>
<h2>{e(w['needs'])}</h2>
<table><tr><th>need</th><th>provision</th><th>regimes</th><th>{e(w['responsible'])}</th><th>{e(w['collisions'])}</th></tr>
{''.join(rows)}</table>
<h2>{e(w['collisions'])}</h2><ul>{collisions or '<li>' + e(w['none']) + '</li>'}</ul>
<h2>{e(w['escalation'])}</h2><p>{route}</p><p>{e(w['next'])}: <b>{e(esc.next_step or '–')}</b></p>
<ul>{''.join(f'<li>{e(getattr(x, lang))}</li>' for x in esc.reasons)}</ul>
<h2>{e(w['timeouts'])}</h2><ul>{timeouts or '<li>' + e(w['none']) + '</li>'}</ul>
<h2>{e(w['bridging'])}</h2>{bridging}
<h2>{e(w['leeway'])}</h2><ul>{leeway or '<li>' + e(w['none']) + '</li>'}</ul>
<h2>{e(w['missing'])}</h2><ul>{missing or '<li>' + e(w['none']) + '</li>'}</ul>
<hr><p><small>{e(w['receipt'])}: {e(r.engine_version)} ({e(r.backend)}), sha256 {e(r.rules_sha256)},
{e(r.evaluated_at)}</small></p>
</body></html>
"""
