"""The advice as Markdown: a report to paste into a case file or a wiki. Every value is written with `md` (or
`md_code`): text from rule and case files renders as text, never as markup."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice
from ._cite import cites as _cites
from ._escape import md, md_code


def to_markdown(advice: Advice, lang: Lang = "nl") -> str:
    w = words(lang)
    out = [f"# {w['title']} {md_code(advice.case_id)}", "", f"*{md(getattr(advice.disclaimer, lang))}*", "",
           f"{w['peildatum']}: {md(advice.reference_date)}", "", f"## {w['needs']}", ""]
    if advice.needs:
        out += ["| need | provision | regimes | responsible | collisions |", "|---|---|---|---|---|"]
    for need in advice.needs:
        regimes = "<br>".join(f"{md(r.law)}: {w[r.status]}" for r in need.regimes) or "–"
        resp = (f"{md(need.responsible.law)} ({md(need.responsible.executor)}/{md(need.responsible.financier)})"
                if need.responsible else "–")
        out.append(f"| {md(need.need)} | {md(need.provision)} | {regimes} | {resp} | "
                   f"{md(', '.join(need.collisions)) or '–'} |")
    out += ["", f"## {w['collisions']}", ""]
    out += [f"- **{md(c.kind)}** {md(c.need or '')}: {md(getattr(c.explanation, lang))} "
            f"({md(_cites(c.citations, lang))})" for c in advice.collisions] or [w["none"]]
    esc = advice.escalation
    out += ["", f"## {w['escalation']}", "", " → ".join(f"{md(s.step)} ({md(s.status)})" for s in esc.route), "",
            f"**{w['next']}:** {md(esc.next_step or '–')}"]
    out += [f"- {md(getattr(r, lang))}" for r in esc.reasons]
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
    b = advice.bridging
    out += ["", f"## {w['bridging']}", ""]
    if b.applicable:
        out.append(f"{w['bridging_yes']}: {md(', '.join(b.needs))}. {w['likely']}: "
                   f"**{md(b.likely_financier or w['unknown_financier'])}**.")
        out += [f"- {md(c.law)} ({md(c.financier)}), {w['score']} {c.score}: "
                + md("; ".join(getattr(r, lang) for r in c.reasons)) for c in b.candidates]
    else:
        out.append(w["bridging_no"])
    if advice.leeway:
        out += ["", f"## {w['leeway']}", ""]
        out += [f"- **{md(lw.basis)}** → {md(lw.target)}: {md(getattr(lw.explanation, lang))}"
                for lw in advice.leeway]
    if advice.missing_facts:
        out += ["", f"## {w['missing']}", ""]
        out += [f"- {md(getattr(m.question, lang))} ({md_code(m.path)})" for m in advice.missing_facts]
    r = advice.receipt
    out += ["", "---", f"{w['receipt']}: {md(r.engine_version)} ({md(r.backend)}), sha256 {md_code(r.rules_sha256)}, "
                       f"{md(r.evaluated_at)}", ""]
    return "\n".join(out)
