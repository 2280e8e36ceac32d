"""The advice as a plain-text note, as a senior colleague would write it: what applies, what blocks, what to do
next, with the articles behind each point."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice
from ._cite import cites as _cites
from ._escape import visible_text


def to_text(advice: Advice, lang: Lang = "nl") -> str:
    """A plain-text note: what applies, what blocks, what to do next, with the articles behind each point."""
    w = words(lang)
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
    return visible_text("\n".join(out) + "\n")  # rule and case text: control characters shown, not acted on
