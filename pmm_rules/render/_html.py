"""The advice as one self-contained HTML page: no scripts, no external resources, every value escaped."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Advice, Citation
from ._cite import cite
from ._escape import escape_html, safe_url
from ._text import open_text

_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;"
        "vertical-align:top}.disclaimer{background:#fff4d6;padding:.6rem;border-left:4px solid #e0a800}"
        ".applies{color:#0a6b2d}.excluded{color:#a40e26}.undetermined{color:#7a5a00}code{font-size:90%}")


def to_html(advice: Advice, lang: Lang = "nl") -> str:
    """One self-contained page (no scripts, no external resources)."""
    w = words(lang)
    e = escape_html  # every value, also from rule and case files: escaped, control characters visible

    def cites(citations: list[Citation]) -> str:
        parts = []
        for c in citations:
            label = e(cite(c, lang))
            url = safe_url(c.url)  # https:// only: never javascript:, data: or anything a rule file slipped in
            parts.append(f'<a href="{e(url)}" rel="noreferrer">{label}</a>' if url else label)
        return "; ".join(parts)

    rows = []
    for need in advice.needs:
        regimes = "<br>".join(f'{e(r.law)}: <span class="{e(r.status)}">{e(w[r.status])}</span> '
                              f"<small>{cites(r.citations)}</small>"
                              + "".join(f"<br><small>{e(w['open'])}: {e(open_text(item, lang))}</small>"
                                        for item in r.open) for r in need.regimes) or "–"
        resp = e(w["no_responsible"])
        if need.responsible:
            interim = f" ({e(w['interim'])})" if need.responsible.status == "undetermined" else ""
            resp = (f"{e(need.responsible.law)} ({e(need.responsible.executor or '?')} / "
                    f"{e(need.responsible.financier or '?')}){interim}")
        if need.final_financier:
            resp += (f"<br>{e(w['final_financier'])}: {e(need.final_financier.law)} "
                     f"({e(need.final_financier.financier or '?')})")
        rows.append(f"<tr><td>{e(need.need)}</td><td>{e(need.provision)}</td><td>{regimes}</td><td>{resp}</td>"
                    f"<td>{e(', '.join(need.collisions)) or '–'}</td></tr>")
    collisions = "".join(f"<li><b>{e(c.kind)}</b> {e(c.need or '')}: {e(getattr(c.explanation, lang))} "
                         f"<small>({cites(c.citations)})</small></li>" for c in advice.collisions)
    esc = advice.escalation
    route = " → ".join(f"<b>{e(s.step)}</b>&nbsp;({e(s.status)})" if s.step == esc.next_step
                       else f"{e(s.step)}&nbsp;({e(s.status)})" for s in esc.route)
    timeouts = "".join(f"<li><b>{e(t.instrument)}</b> {e(w['via'])} {e(t.via)}"
                       + (f", max. {t.max_months} {e(w['months'])}" if t.max_months else "")
                       + f" <small>({cites(t.citations)})</small></li>" for t in advice.timeouts)
    first = "".join(f"<li>{e('[' + a.need + '] ' if a.need else '')}{e(a.actor)}"
                    f"{e(' (' + a.law + ')' if a.law else '')}: {e(getattr(a.action, lang))}</li>"
                    for a in esc.first_actions)
    notices = "".join(f"<li><b>{e(n.notice)}</b> {e(n.need or '')}"
                      + (f" ({e(w['creditors'])}: {e(', '.join(n.creditors))})" if n.creditors else "")
                      + f": {e(getattr(n.explanation, lang))} <small>({cites(n.citations)})</small>"
                      + "".join(f"<br>· {e(getattr(c, lang))}" for c in n.conditions) + "</li>"
                      for n in advice.notices)
    warnings = "".join(f'<p class="disclaimer"><b>{e(w["warnings"])}:</b> {e(getattr(x.text, lang))}</p>'
                       for x in advice.warnings)
    b = advice.bridging
    bridging = (f"<p>{e(w['bridging_yes'])}: {e(', '.join(b.needs))}. {e(w['likely'])}: "
                f"<b>{e(b.likely_financier or w['unknown_financier'])}</b>.</p>" if b.applicable
                else f"<p>{e(w['bridging_no'])}</p>")
    for ranking in b.per_need:
        bridging += (f"<p>{e(ranking.need)}: {e(w['likely'])} <b>{e(ranking.likely_financier or '–')}</b></p><ul>"
                     + "".join(f"<li>{e(c.law)} ({e(c.financier or '?')}), {e(w['score'])} {c.score}: "
                               + "; ".join(f"{e(getattr(wt.reason, lang))} ({wt.value:+d})" for wt in c.weights)
                               + "</li>" for c in ranking.candidates) + "</ul>")
    leeway = "".join(f"<li><b>{e(lw.basis)}</b> → {e(lw.target)}: {e(getattr(lw.explanation, lang))} "
                     f"<small>({cites(lw.citations)})</small></li>" for lw in advice.leeway)
    missing = "".join(f"<li>{e(getattr(m.question, lang))} <code>{e(m.path)}</code> "
                      f"<small>{e(w['impact.' + m.impact])}</small></li>" for m in advice.missing_facts)
    r = advice.receipt
    return f"""<!doctype html>
<html lang="{e(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{e(w['title'])} {e(advice.case_id)}</title>
<style>{_CSS}</style></head><body>
<h1>{e(w['title'])} {e(advice.case_id)}</h1>
{warnings}<p class="disclaimer">{e(getattr(advice.disclaimer, lang))}</p>
<p>{e(w['peildatum'])}: {e(advice.reference_date)}</p>
<h2>{e(w['needs'])}</h2>
<table><tr><th>{e(w['table.need'])}</th><th>{e(w['table.provision'])}</th><th>{e(w['table.regimes'])}</th><th>{e(w['responsible'])}</th><th>{e(w['collisions'])}</th></tr>
{''.join(rows)}</table>
<h2>{e(w['collisions'])}</h2><ul>{collisions or '<li>' + e(w['none']) + '</li>'}</ul>
<h2>{e(w['escalation'])}</h2><p>{route}</p><p>{e(w['next'])}: <b>{e(esc.next_step or '–')}</b></p>
<ul>{''.join(f'<li>{e(getattr(x, lang))}</li>' for x in esc.reasons)}</ul>
{('<h3>' + e(w['first_actions']) + '</h3><ul>' + first + '</ul>') if first else ''}
<h2>{e(w['timeouts'])}</h2><ul>{timeouts or '<li>' + e(w['none']) + '</li>'}</ul>
{('<h2>' + e(w['notices']) + '</h2><ul>' + notices + '</ul>') if notices else ''}
<h2>{e(w['bridging'])}</h2>{bridging}
<h2>{e(w['leeway'])}</h2><ul>{leeway or '<li>' + e(w['none']) + '</li>'}</ul>
<h2>{e(w['missing'])}</h2><ul>{missing or '<li>' + e(w['none']) + '</li>'}</ul>
<hr><p><small>{e(w['receipt'])}: {e(r.engine_version)} ({e(r.backend)}), sha256 {e(r.rules_sha256)},
{e(r.evaluated_at)}</small></p>
</body></html>
"""
