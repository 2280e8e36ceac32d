"""The page of `pmm-rules serve` in a real browser: Debian's chromium, driven by Playwright, against the real server.

A trainer picks an example, changes a fact and sees the change highlighted, undoes it, opens the graph and the
leeway; a jurist finds the rules of an article and runs a scenario file; a case whose ids hold markup shows it as
text. The screenshots in docs/img/serve-*.png are taken here, so they show the page as it is: each run compares
them with the page and replaces a picture that looks different (all of them go to PMM_RULES_SCREENSHOTS too).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api")

from .common import DOCS  # noqa: E402
from .serve_support import Server  # noqa: E402

CHROMIUM = os.environ.get("PMM_RULES_CHROMIUM", "/usr/bin/chromium")
pytestmark = [pytest.mark.slow, pytest.mark.browser,
              # CI installs chromium (.ci/run): there a missing browser fails instead of skipping.
              pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                 reason=f"no chromium at {CHROMIUM} (apt-get install chromium)")]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--font-render-hinting=none"]
IMG = DOCS / "img"
SHOTS = Path(os.environ.get("PMM_RULES_SCREENSHOTS", "/tmp/pmm-rules-screenshots"))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")  # type: ignore[attr-defined]
    opened = context.new_page()
    errors: list[str] = []
    external: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    opened.on("request", lambda request: None if request.url.startswith(server.url) else external.append(request.url))
    opened.goto(server.url + "/")
    opened.wait_for_selector("#sec-collisions")
    yield opened
    # No script errors, no alert() from a case, no request leaving the server (the page works offline).
    problems_expected = getattr(opened, "problems_expected", False)
    assert not [e for e in errors if not (problems_expected and "422" in e)], errors
    assert not external, external
    context.close()


# docs/img is rewritten only when the page looks different: chromium's rasteriser may move a few anti-aliased
# pixels between runs, which should not make a new picture.
SAME_PICTURE_PIXELS = 200


def differing_pixels(page: object, first: bytes, second: bytes) -> int:
    """How many pixels differ between two PNGs, counted by the browser itself (a canvas per picture)."""
    import base64

    count = page.evaluate(  # type: ignore[attr-defined]
        """async ([a, b]) => {
        const load = async (data) => { const img = new Image(); img.src = "data:image/png;base64," + data;
          await img.decode(); const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
          const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height); };
        const [x, y] = [await load(a), await load(b)];
        if (x.width !== y.width || x.height !== y.height) return x.width * x.height;
        let n = 0; for (let i = 0; i < x.data.length; i += 4) {
          if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) n++; }
        return n; }""", [base64.b64encode(first).decode(), base64.b64encode(second).decode()])
    return int(count)


def shot(page: object, name: str, *, docs: bool = False, full: bool = False) -> None:
    # The same page gives the same picture: nothing in flight, fonts ready, no caret, the mouse out of the way.
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.evaluate("document.fonts.ready.then(() => document.activeElement && document.activeElement.blur())")  # type: ignore[attr-defined]
    page.mouse.move(0, 719)  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    picture: bytes = page.screenshot(path=str(SHOTS / name), full_page=full)  # type: ignore[attr-defined]
    if docs:
        kept = IMG / name
        if not kept.exists() or differing_pixels(page, kept.read_bytes(), picture) > SAME_PICTURE_PIXELS:
            kept.write_bytes(picture)


def test_a_trainer_picks_an_example_changes_a_fact_and_undoes_it(page: object) -> None:
    p = page
    assert p.locator("h1").inner_text() == "Maatwerkadvies"  # type: ignore[attr-defined]
    text = p.locator("#advice").inner_text()  # type: ignore[attr-defined]
    # Names, not machine ids.
    assert "Gat: geen regeling dekt de behoefte" in text and "Maatwerkregister" in text
    assert "tolk.gap" not in text and "voorbeeld-stemtolk/gap" not in text
    shot(p, "serve-advies.png", docs=True)

    p.select_option("#example", "achttien_min_plus")  # type: ignore[attr-defined]
    p.wait_for_selector(".case-id:text-is('voorbeeld-18min-18plus')")  # type: ignore[attr-defined]
    before = p.locator("#sec-collisions").inner_text()  # type: ignore[attr-defined]
    p.fill("#fact-members_jongere_birth_date", "2007-01-01")  # type: ignore[attr-defined]
    p.wait_for_selector("#whatif-result")  # type: ignore[attr-defined]
    changed = p.locator(".card.changed")  # type: ignore[attr-defined]
    assert changed.count() >= 1
    summary = p.locator("#whatif-result").inner_text()  # type: ignore[attr-defined]
    assert "Geboortedatum (jongere) = 2007-01-01" in summary and "→" in summary
    assert p.locator("#sec-collisions").inner_text() != before  # type: ignore[attr-defined]
    p.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    shot(p, "serve-wat-als.png", docs=True)

    p.click("#undo")  # type: ignore[attr-defined]
    p.wait_for_selector("#whatif-result", state="detached")  # type: ignore[attr-defined]
    assert p.locator("#sec-collisions").inner_text() == before  # type: ignore[attr-defined]
    assert p.locator("#fact-members_jongere_birth_date").input_value() == "2009-02-15"  # type: ignore[attr-defined]


def test_the_gemeente_leaving_pmm_moves_the_next_step(page: object) -> None:
    p = page
    p.select_option("#fact-municipality_pmm_connected", "false")  # type: ignore[attr-defined]
    p.wait_for_selector("#whatif-result")  # type: ignore[attr-defined]
    assert "next" in (p.locator(".stepper .next").get_attribute("class") or "")  # type: ignore[attr-defined]
    assert "LMM" in p.locator(".stepper .next").inner_text()  # type: ignore[attr-defined]
    assert "changed" in (p.locator("#sec-route").get_attribute("class") or "")  # type: ignore[attr-defined]


def test_the_missing_facts_form_fills_the_case(page: object) -> None:
    p = page
    p.select_option("#example", "wlz_wachtend")  # type: ignore[attr-defined]
    p.wait_for_selector(".case-id:text-is('voorbeeld-wlz-wachtend')")  # type: ignore[attr-defined]
    questions = p.locator("#missing-form [data-path]")  # type: ignore[attr-defined]
    assert questions.count() >= 1
    first = questions.first
    tag = first.evaluate("node => node.tagName")
    if tag == "SELECT":
        options = first.locator("option").all_inner_texts()
        first.select_option(index=min(1, len(options) - 1))
    elif tag == "FIELDSET":
        first.locator("input").first.check()
    else:
        first.fill("2" if first.get_attribute("type") == "number" else "2026-01-01")
    p.click("#missing-form button[type=submit]")  # type: ignore[attr-defined]
    p.wait_for_selector("#whatif-result")  # type: ignore[attr-defined]


def test_the_graph_and_the_leeway(page: object) -> None:
    p = page
    p.select_option("#example", "hulpmiddel_patstelling")  # type: ignore[attr-defined]
    p.wait_for_selector(".case-id:text-is('voorbeeld-hulpmiddel-patstelling')")  # type: ignore[attr-defined]
    leeway = p.locator("#sec-leeway").inner_text()  # type: ignore[attr-defined]
    assert "Awb" in leeway and "De tekst zoals die gold op" in leeway
    link = p.locator("#sec-leeway a").first  # type: ignore[attr-defined]
    assert (link.get_attribute("href") or "").startswith("https://wetten.overheid.nl/")
    p.evaluate("document.getElementById('sec-leeway').scrollIntoView({block: 'start'})")  # type: ignore[attr-defined]
    shot(p, "serve-ruimte.png", docs=True)

    p.click("#tab-graph")  # type: ignore[attr-defined]
    p.wait_for_selector("#graph svg g.node", timeout=30000)  # type: ignore[attr-defined]
    nodes = p.locator("#graph svg g.node text").all_text_contents()  # type: ignore[attr-defined]
    assert "gemeente" in " ".join(nodes) and "Zorgverzekeringswet" in " ".join(nodes)
    edges = p.locator("#graph svg g.edge text").all_text_contents()  # type: ignore[attr-defined]
    assert edges and all(e.strip() for e in edges)  # every edge is labelled
    # Labels are never cut: every text of a node lies inside its box.
    cut = p.evaluate("""() => [...document.querySelectorAll('#graph svg g.node')].filter(g => {
        const shape = g.querySelector('polygon, ellipse, path'); if (!shape) return false;
        const box = shape.getBBox();
        return [...g.querySelectorAll('text')].some(t => { const b = t.getBBox();
          return b.x < box.x - 1 || b.x + b.width > box.x + box.width + 1; });
      }).length""")  # type: ignore[attr-defined]
    assert cut == 0
    assert p.locator("#graph svg g.node.hot").count() >= 2  # type: ignore[attr-defined]
    shot(p, "serve-graaf.png", docs=True)


def test_english_presentation_mode_and_print(page: object) -> None:
    p = page
    p.click("#lang")  # type: ignore[attr-defined]
    p.wait_for_selector("text=Maatwerk advice")  # type: ignore[attr-defined]
    assert "Gap: no regime covers the need" in p.locator("#advice").inner_text()  # type: ignore[attr-defined]
    p.click("#lang")  # type: ignore[attr-defined]
    p.wait_for_selector("text=Maatwerkadvies")  # type: ignore[attr-defined]
    p.click("#present")  # type: ignore[attr-defined]
    size = p.evaluate("getComputedStyle(document.body).fontSize")  # type: ignore[attr-defined]
    assert float(size.removesuffix("px")) >= 24
    p.evaluate("document.getElementById('sec-route').scrollIntoView({block: 'start'})")  # type: ignore[attr-defined]
    shot(p, "serve-presentatie.png", docs=True)
    p.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not p.locator("#case-panel").is_visible()  # type: ignore[attr-defined]
    assert p.locator("#sec-collisions").is_visible()  # type: ignore[attr-defined]


def test_a_jurist_finds_the_rules_of_an_article_and_runs_a_scenario_file(page: object) -> None:
    p = page
    p.click("#tab-rules")  # type: ignore[attr-defined]
    p.click("#laws details:has(button[data-law='wmo2015']) > summary")  # type: ignore[attr-defined]
    p.click("#laws button[data-law='wmo2015'][data-article='2.3.5']")  # type: ignore[attr-defined]
    p.wait_for_selector("#rules .rule-list li")  # type: ignore[attr-defined]
    assert "Wmo 2015 artikel 2.3.5" in p.locator("#rules h2").inner_text()  # type: ignore[attr-defined]
    assert p.locator("#rules .badge.good").count() >= 1  # type: ignore[attr-defined]
    p.locator("#rules [data-rule]").first.click()  # type: ignore[attr-defined]
    p.wait_for_selector("#rules .rule pre")  # type: ignore[attr-defined]
    assert p.locator("#rules .scenarios .pass").count() >= 1  # type: ignore[attr-defined]
    shot(p, "serve-regels.png", docs=True)
    scenario = (DOCS.parent / "examples" / "scenarios" / "voorbeeld_scenarios.yaml").read_text(encoding="utf-8")
    p.fill("#scenario-text", scenario)  # type: ignore[attr-defined]
    p.click("#run-scenarios")  # type: ignore[attr-defined]
    p.wait_for_selector("#scenario-result .scenarios li")  # type: ignore[attr-defined]
    assert "0 mislukt" in p.locator("#scenario-result").inner_text()  # type: ignore[attr-defined]


def test_a_case_with_markup_in_its_ids_is_shown_as_text(page: object) -> None:
    p = page
    p.problems_expected = True  # type: ignore[attr-defined]
    hostile = ('{"schema_version": 1, "id": "<img src=x onerror=alert(1)>", "reference_date": "2026-11-01", '
               '"members": [{"id": "<script>alert(2)</script>", "age": 9}]}')
    p.click("#own-case summary")  # type: ignore[attr-defined]
    p.fill("#case-text", hostile)  # type: ignore[attr-defined]
    p.click("#advise-own")  # type: ignore[attr-defined]
    p.wait_for_selector("#problems:not([hidden])")  # type: ignore[attr-defined]
    shown = p.locator("#problems").inner_text()  # type: ignore[attr-defined]
    assert "<img src=x onerror=alert(1)>" in shown and "<script>alert(2)</script>" in shown
    assert p.locator("#problems img, #problems script").count() == 0  # type: ignore[attr-defined]
    shot(p, "serve-markup.png")


def test_fields_the_contract_adds_later_are_shown_when_present(page: object) -> None:
    """The advice grows (additively) in parallel; the page shows the new parts when an advice has them."""
    p = page

    def grown(route: object) -> None:
        response = route.fetch()  # type: ignore[attr-defined]
        advice = response.json()
        need = advice["needs"][0]["need"]
        advice["warnings"] = [{"code": "age-and-birth", "text": {"nl": "WAARSCHUWING-NL", "en": "WARNING-EN"}}]
        advice["notices"] = [{"id": "n1", "notice": "ontruiming_dreigt", "need": None, "debt": "huur",
                              "creditors": ["verhuurder"], "explanation": {"nl": "AANDACHT-NL", "en": "NOTICE-EN"},
                              "citations": []}]
        advice["needs"][0]["regimes"][0]["open"] = [{"rule": "x", "text": {"nl": "OPEN-TOETS-NL", "en": "OPEN-EN"}}]
        advice["needs"][0]["responsible"] = {"law": "wmo2015", "executor": "gemeente", "financier": "gemeente",
                                             "citations": [], "status": "undetermined", "pays_out": "gemeente"}
        advice["missing_facts"][0]["impact"] = {"nl": "IMPACT-NL", "en": "IMPACT-EN"}
        advice["missing_facts"][0]["rank"] = 1
        advice["escalation"]["first_actions"] = [{"need": need, "actor": "gemeente", "law": "wmo2015",
                                                  "action": {"nl": "EERSTE-ACTIE-NL", "en": "FIRST-ACTION-EN"},
                                                  "citations": []}]
        advice["escalation"]["route"][-1]["status"] = "ongeldig"
        advice["bridging"]["per_need"] = [{"need": need, "likely_financier": "zorgkantoor", "candidates": [
            {"financier": "zorgkantoor", "law": "wlz", "score": 3, "reasons": [],
             "weights": [{"name": {"nl": "GEWICHT-NL", "en": "WEIGHT-EN"}, "value": 2,
                          "reason": {"nl": "REDEN-NL", "en": "REASON-EN"}}]}]}]
        advice["bridging"]["applicable"] = True
        advice["leeway"].append({"basis": "awb:4:84", "target": "huishouden", "explanation": {"nl": "HUISHOUDEN-NL",
                                 "en": "HOUSEHOLD-EN"}, "limits": None, "rules": [], "citations": []})
        advice["leeway"].append({"basis": "awb:3:4", "target": "schuld:huur", "explanation": {"nl": "SCHULD-NL",
                                 "en": "DEBT-EN"}, "limits": None, "rules": [], "citations": []})
        route.fulfill(response=response, json=advice)  # type: ignore[attr-defined]

    p.route("**/v1/advice?*", grown)  # type: ignore[attr-defined]
    p.select_option("#example", "wlz_wachtend")  # type: ignore[attr-defined]
    p.wait_for_selector("text=WAARSCHUWING-NL")  # type: ignore[attr-defined]
    text = p.locator("#advice").inner_text()  # type: ignore[attr-defined]
    for shown in ("AANDACHT-NL", "OPEN-TOETS-NL", "nog niet vastgesteld", "IMPACT-NL", "EERSTE-ACTIE-NL",
                  "ongeldig", "GEWICHT-NL", "REDEN-NL", "HUISHOUDEN-NL", "het hele huishouden", "SCHULD-NL"):
        assert shown in text, shown
    assert "Aandachtspunten" in text and "Let op bij deze invoer" in text
