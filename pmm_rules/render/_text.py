"""The advice as a plain-text note, as a senior colleague would write it: what applies, what blocks, what to do
next, with the articles behind each point."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice, OpenItem
from ._cite import cites as _cites
from ._escape import visible_text


def open_text(item: OpenItem, lang: Lang) -> str:
    """What is still open for an undetermined regime: the question for a fact, the first sentence of a decision."""
    if item.kind == "fact" and item.question is not None:
        return f"{getattr(item.question, lang)} [{item.path}]"
    text = getattr(item.text, lang) if item.text is not None else item.rule
    return text.split(". ", 1)[0].rstrip(".") + "."


def to_text(advice: Advice, lang: Lang = "nl") -> str:
    """A plain-text note: what applies, what blocks, what to do next, with the articles behind each point."""
    w = words(lang)
    out = [f"{w['title']} {advice.case_id} ({w['peildatum']} {advice.reference_date})"]
    out += [f"{w['warnings']}: {getattr(warning.text, lang)}" for warning in advice.warnings]
    out += [getattr(advice.disclaimer, lang), ""]
    out.append(f"{w['needs']}:")
    if not advice.needs:
        out.append(f"  {w['none_needs']}")
    for need in advice.needs:
        ctx = f", {need.context}" if need.context else ""
        out.append(f"- {need.need} ({need.provision}{ctx}, {w['for']} {need.member})")
        for regime in need.regimes:
            out.append(f"    {regime.law}: {w[regime.status]} — {_cites(regime.citations, lang)}")
            out += [f"      {w['open']}: {open_text(item, lang)}" for item in regime.open]
        if need.responsible:
            r = need.responsible
            interim = f" ({w['interim']})" if r.status == "undetermined" else ""
            pays_out = f", {w['pays_out']} {r.pays_out}" if r.pays_out else ""
            out.append(f"    {w['responsible']}{interim}: {r.law} ({w['executes']} {r.executor or '?'}, "
                       f"{w['pays']} {r.financier or '?'}{pays_out})")
        else:
            out.append(f"    {w['no_responsible']}")
        if need.final_financier:
            f = need.final_financier
            reasons = "; ".join(getattr(r, lang) for r in f.reasons)
            out.append(f"    {w['final_financier']}: {f.law} ({f.financier or '?'}) — {reasons} "
                       f"({_cites(f.citations, lang)})")
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
    if esc.first_actions:
        out.append(f"  {w['first_actions']}:")
        for action in esc.first_actions:
            where = f"[{action.need}] " if action.need else ""
            law = f" ({action.law})" if action.law else ""
            cited = f" ({_cites(action.citations, lang)})" if action.citations else ""
            out.append(f"  - {where}{action.actor}{law}: {getattr(action.action, lang)}{cited}")
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
    if advice.notices:
        out += ["", f"{w['notices']}:"]
        for notice in advice.notices:
            where = f" [{notice.need}]" if notice.need else ""
            creditors = f" ({w['creditors']}: {', '.join(notice.creditors)})" if notice.creditors else ""
            out.append(f"- {notice.notice}{where}{creditors}: {getattr(notice.explanation, lang)}")
            out += [f"    · {getattr(cond, lang)}" for cond in notice.conditions]
            out.append(f"    ({_cites(notice.citations, lang)})")
    b = advice.bridging
    out += ["", f"{w['bridging']}:"]
    if b.applicable:
        out.append(f"  {w['bridging_yes']}: {', '.join(b.needs)}.")
        out.append(f"  {w['likely']}: {b.likely_financier or w['unknown_financier']}.")
        for ranking in b.per_need:
            out.append(f"  [{ranking.need}] {w['likely']}: {ranking.likely_financier or w['unknown_financier']}")
            for cand in ranking.candidates:
                weights = "; ".join(f"{getattr(wt.reason, lang)} ({wt.value:+d})" for wt in cand.weights)
                out.append(f"  - {cand.law} ({cand.financier or '?'}), {w['score']} {cand.score}: {weights}")
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
            out.append(f"{m.rank}. {getattr(m.question, lang)} [{m.path}] — {w['impact.' + m.impact]}")
    receipt = advice.receipt
    out += ["", f"{w['receipt']}: {receipt.engine_version} ({receipt.backend}), {receipt.rule_count} rules, "
                f"sha256 {receipt.rules_sha256[:16]}…, {receipt.evaluated_at}"]
    return visible_text("\n".join(out) + "\n")  # rule and case text: control characters shown, not acted on
