"""What the second reading of the care rules asked of the note's text, beyond what a scenario can check: the
municipality of the BRP address named in the notice, the date of the 18th birthday in the verlenging notice, the
first step for Zvw care (the wijkverpleegkundige, not an application to the insurer), statute before practice in the
citations, and the route against an insurer (heroverweging and the independent body, no bezwaar)."""

from __future__ import annotations

from typing import Any

from pmm_rules import Case, Engine


def _advise(case: dict[str, Any]) -> Any:
    return Engine.default("reference").advise(Case.model_validate({"schema_version": 1, **case}), evaluated_at="x")


def test_the_woonadres_notice_names_the_municipality() -> None:
    advice = _advise({
        "id": "t", "reference_date": "2026-11-01",
        "members": [{"id": "k", "age": 12, "conditions": ["psychosociale_problemen"], "brp_registration": "woonadres",
                     "municipality": "Astad"}],
        "needs": [{"id": "jh", "member": "k", "provision": "jeugdhulp", "own_means_sufficient": False}],
        "refusals": [{"need": "jh", "by": "gemeente", "by_municipality": "Astad", "points_to": "gemeente",
                      "points_to_municipality": "Bdorp"},
                     {"need": "jh", "by": "gemeente", "by_municipality": "Bdorp", "points_to": "gemeente",
                      "points_to_municipality": "Astad"}]})
    notice = next(n for n in advice.notices if n.notice == "woonplaats_woonadres")
    assert "Astad" in notice.explanation.nl and "{" not in notice.explanation.nl
    deadlock = next(c for c in advice.collisions if c.kind == "deadlock")
    assert any(c.law == "jeugdwet" and c.article == "8.2.1" for c in deadlock.citations)


def test_the_verlenging_notice_gives_the_date_before_which_to_decide() -> None:
    advice = _advise({
        "id": "t", "reference_date": "2026-11-01",
        "members": [{"id": "j", "birth_date": "2009-03-01", "conditions": ["psychosociale_problemen"],
                     "jeugdhulp_before_18": False, "indications": [], "pending": []}],
        "needs": [{"id": "bg", "member": "j", "provision": "begeleiding", "own_means_sufficient": False}]})
    notice = next(n for n in advice.notices if n.notice == "verlenging_jeugdhulp")
    assert "1-3-2027" in notice.explanation.nl
    assert not [c for c in advice.collisions if c.kind == "transition"]


def test_zvw_care_starts_with_the_wijkverpleegkundige_and_granted_help_needs_no_application() -> None:
    advice = _advise({
        "id": "t", "reference_date": "2026-11-01",
        "members": [{"id": "c", "age": 58, "conditions": ["somatische_aandoening"],
                     "care_need": {"permanent_toezicht": False, "zorg_24uur_nabijheid": False, "blijvend": False},
                     "indications": [], "pending": []}],
        "needs": [{"id": "pv", "member": "c", "provision": "persoonlijke_verzorging", "medical": True},
                  {"id": "hh", "member": "c", "provision": "huishoudelijke_hulp", "granted_under": "wmo2015"}]})
    actions = {a.need: a for a in advice.escalation.first_actions}
    assert "hh" not in actions  # already granted under the responsible law
    assert "wijkverpleegkundige" in actions["pv"].action.nl
    assert actions["pv"].citations


def test_statute_comes_before_practice_in_the_citations() -> None:
    advice = _advise({
        "id": "t", "reference_date": "2026-11-01",
        "members": [{"id": "j", "age": 18, "conditions": ["psychische_stoornis"], "jeugdhulp_before_18": True,
                     "jeugdhulp_continuation_decided": True, "indications": [], "pending": []}],
        "needs": [{"id": "bg", "member": "j", "provision": "begeleiding"}]})
    for need in advice.needs:
        for citations in ([need.responsible.citations] if need.responsible else []) + [
                r.citations for r in need.regimes]:
            kinds = [c.kind for c in citations]
            assert kinds == sorted(kinds, key=lambda k: k == "practice"), kinds


def test_no_bezwaar_against_a_health_insurer() -> None:
    advice = _advise({
        "id": "t", "reference_date": "2026-11-01",
        "members": [{"id": "c", "age": 52, "conditions": ["lichamelijke_beperking"], "indications": [], "pending": []}],
        "needs": [{"id": "r", "member": "c", "provision": "hulpmiddel", "context": "thuis", "aid_kind": "rolstoel",
                   "aid_duration": "blijvend"}],
        "refusals": [{"need": "r", "by": "gemeente", "points_to": "zorgverzekeraar"},
                     {"need": "r", "by": "zorgverzekeraar", "points_to": "gemeente"}],
        "attempts": [{"step": "regulier", "outcome": "vastgelopen"}]})
    notice = next(n for n in advice.notices if n.notice == "geschil_zorgverzekeraar")
    assert any(c.law == "zvw" and c.article == "114" for c in notice.citations)
    deadlock = next(c for c in advice.collisions if c.kind == "deadlock")
    assert "114" in deadlock.explanation.nl
