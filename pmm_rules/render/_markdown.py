"""The advice as Markdown: a report to paste into a case file or a wiki."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice
from ._cite import cites as _cites
from ._escape import md, md_code
from ._text import open_text


def to_markdown(advice: Advice, lang: Lang = "nl") -> str:
    w = words(lang)
    out = [f"# {w['title']} {md_code(advice.case_id)}", ""]
    out += [f"> **{w['warnings']}:** {md(getattr(warning.text, lang))}" for warning in advice.warnings]
    out += ["", f"*{md(getattr(advice.disclaimer, lang))}*", "",
            f"{w['peildatum']}: {md(advice.reference_date)}", "", f"## {w['needs']}", ""]
    if advice.needs:
        out += [f"| {w['table.need']} | {w['table.provision']} | {w['table.regimes']} | {w['responsible']} | "
                f"{w['collisions']} |", "|---|---|---|---|---|"]
    for need in advice.needs:
        regimes = "<br>".join(f"{md(r.law)}: {w[r.status]}" for r in need.regimes) or "–"
        resp = "–"
        if need.responsible:
            interim = f" ({w['interim']})" if need.responsible.status == "undetermined" else ""
            resp = (f"{md(need.responsible.law)} ({md(need.responsible.executor)}/{md(need.responsible.financier)})"
                    f"{interim}")
        if need.final_financier:
            resp += (f"<br>{w['final_financier']}: {md(need.final_financier.law)} "
                     f"({md(need.final_financier.financier)})")
        out.append(f"| {md(need.need)} | {md(need.provision)} | {regimes} | {resp} | "
                   f"{md(', '.join(need.collisions)) or '–'} |")
    opens = [(need.need, regime.law, item) for need in advice.needs for regime in need.regimes for item in regime.open]
    if opens:
        out += ["", f"**{w['open']}:**", ""]
        out += [f"- {md(need)} · {md(law)}: {md(open_text(item, lang))}" for need, law, item in opens]
    out += ["", f"## {w['collisions']}", ""]
    out += [f"- **{md(c.kind)}** {md(c.need or '')}: {md(getattr(c.explanation, lang))} "
            f"({md(_cites(c.citations, lang))})"
            for c in advice.collisions] or [w["none"]]
    esc = advice.escalation
    out += ["", f"## {w['escalation']}", "", " → ".join(f"{md(s.step)} ({md(s.status)})" for s in esc.route), "",
            f"**{w['next']}:** {md(esc.next_step or '–')}"]
    out += [f"- {md(getattr(r, lang))}" for r in esc.reasons]
    if esc.first_actions:
        out += ["", f"**{w['first_actions']}:**", ""]
        out += [f"- {md('[' + a.need + '] ' if a.need else '')}{md(a.actor)}{md(' (' + a.law + ')' if a.law else '')}: "
                f"{md(getattr(a.action, lang))}" for a in esc.first_actions]
    if advice.timeouts:
        out += ["", f"## {w['timeouts']}", ""]
        out += [f"- **{md(t.instrument)}** {w['via']} {md(t.via)}"
                + (f", max. {t.max_months} {w['months']}" if t.max_months else "")
                + (f" ({w['all_creditors']})" if t.all_creditors else f" ({md(', '.join(t.creditors))})"
                   if t.creditors else "") + f" — {md(_cites(t.citations, lang))}"
                for t in advice.timeouts]
    if advice.deadlines:
        out += ["", f"## {w['deadlines']}", ""]
        out += [f"- **{md(d.deadline)}**: {d.amount} {md(d.unit)} — {md(_cites(d.citations, lang))}"
                for d in advice.deadlines]
    if advice.notices:
        out += ["", f"## {w['notices']}", ""]
        for n in advice.notices:
            where = f" ({md(n.need)})" if n.need else ""
            creditors = f" — {w['creditors']}: {md(', '.join(n.creditors))}" if n.creditors else ""
            out.append(f"- **{md(n.notice)}**{where}{creditors}: {md(getattr(n.explanation, lang))} "
                       f"({md(_cites(n.citations, lang))})")
            out += [f"  - {md(getattr(c, lang))}" for c in n.conditions]
    b = advice.bridging
    out += ["", f"## {w['bridging']}", ""]
    if b.applicable:
        out.append(f"{w['bridging_yes']}: {md(', '.join(b.needs))}. {w['likely']}: "
                   f"**{md(b.likely_financier or w['unknown_financier'])}**.")
        for ranking in b.per_need:
            out += ["", f"*{md(ranking.need)}* — {w['likely']}: "
                    f"**{md(ranking.likely_financier or w['unknown_financier'])}**"]
            out += [f"- {md(c.law)} ({md(c.financier)}), {w['score']} {c.score}: "
                    + "; ".join(f"{md(getattr(wt.reason, lang))} ({wt.value:+d})" for wt in c.weights)
                    for c in ranking.candidates]
    else:
        out.append(w["bridging_no"])
    if advice.leeway:
        out += ["", f"## {w['leeway']}", ""]
        out += [f"- **{md(lw.basis)}** → {md(lw.target)}: {md(getattr(lw.explanation, lang))}"
                for lw in advice.leeway]
    if advice.missing_facts:
        out += ["", f"## {w['missing']}", ""]
        out += [f"{m.rank}. {md(getattr(m.question, lang))} ({md_code(m.path)}) — {w['impact.' + m.impact]}"
                for m in advice.missing_facts]
    r = advice.receipt
    out += ["", "---", f"{w['receipt']}: {md(r.engine_version)} ({md(r.backend)}), sha256 {md_code(r.rules_sha256)}, "
                       f"{md(r.evaluated_at)}", ""]
    return "\n".join(out)
