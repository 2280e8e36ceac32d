"""The advice as Markdown: a report to paste into a case file or a wiki."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice
from ._cite import cites as _cites


def to_markdown(advice: Advice, lang: Lang = "nl") -> str:
    w = words(lang)
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
