"""The advice as Markdown: a report to paste into a case file or a wiki."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice
from ._cite import cites as _cites
from ._text import open_text


def to_markdown(advice: Advice, lang: Lang = "nl") -> str:
    w = words(lang)
    out = [f"# {w['title']} `{advice.case_id}`", ""]
    out += [f"> **{w['warnings']}:** {getattr(warning.text, lang)}" for warning in advice.warnings]
    out += ["", f"*{getattr(advice.disclaimer, lang)}*", "",
            f"{w['peildatum']}: {advice.reference_date}", "", f"## {w['needs']}", ""]
    if advice.needs:
        out += [f"| {w['table.need']} | {w['table.provision']} | {w['table.regimes']} | {w['responsible']} | "
                f"{w['collisions']} |", "|---|---|---|---|---|"]
    for need in advice.needs:
        regimes = "<br>".join(f"{r.law}: {w[r.status]}" for r in need.regimes) or "–"
        resp = "–"
        if need.responsible:
            interim = f" ({w['interim']})" if need.responsible.status == "undetermined" else ""
            resp = f"{need.responsible.law} ({need.responsible.executor}/{need.responsible.financier}){interim}"
        if need.final_financier:
            resp += f"<br>{w['final_financier']}: {need.final_financier.law} ({need.final_financier.financier})"
        out.append(f"| {need.need} | {need.provision} | {regimes} | {resp} | {', '.join(need.collisions) or '–'} |")
    opens = [(need.need, regime.law, item) for need in advice.needs for regime in need.regimes for item in regime.open]
    if opens:
        out += ["", f"**{w['open']}:**", ""]
        out += [f"- {need} · {law}: {open_text(item, lang)}" for need, law, item in opens]
    out += ["", f"## {w['collisions']}", ""]
    out += [f"- **{c.kind}** {c.need or ''}: {getattr(c.explanation, lang)} ({_cites(c.citations, lang)})"
            for c in advice.collisions] or [w["none"]]
    esc = advice.escalation
    out += ["", f"## {w['escalation']}", "", " → ".join(f"{s.step} ({s.status})" for s in esc.route), "",
            f"**{w['next']}:** {esc.next_step or '–'}"]
    out += [f"- {getattr(r, lang)}" for r in esc.reasons]
    if esc.first_actions:
        out += ["", f"**{w['first_actions']}:**", ""]
        out += [f"- {'[' + a.need + '] ' if a.need else ''}{a.actor}{' (' + a.law + ')' if a.law else ''}: "
                f"{getattr(a.action, lang)}" for a in esc.first_actions]
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
    if advice.notices:
        out += ["", f"## {w['notices']}", ""]
        for n in advice.notices:
            where = f" ({n.need})" if n.need else ""
            creditors = f" — {w['creditors']}: {', '.join(n.creditors)}" if n.creditors else ""
            out.append(f"- **{n.notice}**{where}{creditors}: {getattr(n.explanation, lang)} "
                       f"({_cites(n.citations, lang)})")
            out += [f"  - {getattr(c, lang)}" for c in n.conditions]
    b = advice.bridging
    out += ["", f"## {w['bridging']}", ""]
    if b.applicable:
        out.append(f"{w['bridging_yes']}: {', '.join(b.needs)}. {w['likely']}: "
                   f"**{b.likely_financier or w['unknown_financier']}**.")
        for ranking in b.per_need:
            out += ["", f"*{ranking.need}* — {w['likely']}: **{ranking.likely_financier or w['unknown_financier']}**"]
            out += [f"- {c.law} ({c.financier}), {w['score']} {c.score}: "
                    + "; ".join(f"{getattr(wt.reason, lang)} ({wt.value:+d})" for wt in c.weights)
                    for c in ranking.candidates]
    else:
        out.append(w["bridging_no"])
    if advice.leeway:
        out += ["", f"## {w['leeway']}", ""]
        out += [f"- **{lw.basis}** → {lw.target}: {getattr(lw.explanation, lang)}" for lw in advice.leeway]
    if advice.missing_facts:
        out += ["", f"## {w['missing']}", ""]
        out += [f"{m.rank}. {getattr(m.question, lang)} (`{m.path}`) — {w['impact.' + m.impact]}"
                for m in advice.missing_facts]
    r = advice.receipt
    out += ["", "---", f"{w['receipt']}: {r.engine_version} ({r.backend}), sha256 `{r.rules_sha256}`, "
                       f"{r.evaluated_at}", ""]
    return "\n".join(out)
