"""`pmm-rules serve` as clients use it: the real server on a free loopback port, spoken to over HTTP.

Every route answers; bad input gets RFC 9457 problem details with every problem's path and never a 500; the
guard holds (token, body cap, time limit, headers, no CORS, no case content in logs); the OpenAPI document
validates and so does every example in it, sent to the server as a client would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

import httpx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from pmm_rules import Engine
from pmm_rules.load import load_case

from .common import EXAMPLE_CASES, EXAMPLES, ROOT
from .serve_support import Server
from .strategies import cases

pytestmark = pytest.mark.slow

STEMTOLK = (EXAMPLES / "stemtolk.yaml").read_text(encoding="utf-8")
SECRET_MEMBER = "geheim-lid-7731"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def case_json(path: str = "stemtolk.yaml") -> dict[str, Any]:
    return load_case(EXAMPLES / path).model_dump(mode="json", exclude_none=True)


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["type"].startswith("urn:pmm-rules:problem:") and body["title"]
    assert "Traceback" not in response.text
    return body


# ---------------------------------------------------------------- the advice


def test_advice_from_json_is_the_contract_byte_for_byte(client: httpx.Client) -> None:
    response = client.post("/v1/advice", json=case_json())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    engine = Engine.default()
    served = response.json()
    expected = json.loads(engine.advise_json(load_case(EXAMPLES / "stemtolk.yaml")))
    served["receipt"].pop("evaluated_at")
    expected["receipt"].pop("evaluated_at")
    assert served == expected


def test_advice_from_yaml_and_its_parameters(client: httpx.Client) -> None:
    response = client.post("/v1/advice", content=STEMTOLK, headers={"content-type": "application/yaml"},
                           params={"trace": "false"})
    assert response.status_code == 200
    assert response.json()["trace"] == []
    note = client.post("/v1/advice", content=STEMTOLK, headers={"content-type": "application/yaml"},
                       params={"format": "text", "lang": "en"})
    assert note.status_code == 200 and note.headers["content-type"].startswith("text/plain")
    assert "Advice for case voorbeeld-stemtolk" in note.text
    html = client.post("/v1/advice", json=case_json(), params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "script-src" not in html.headers["content-security-policy"]
    assert_problem(client.post("/v1/advice", json=case_json(), params={"format": "pdf"}), 422)


def test_a_bad_case_gets_every_problem_with_its_path_as_validate_reports_it(client: httpx.Client) -> None:
    bad = {"schema_version": 1, "id": "<script>alert(1)</script>", "reference_date": "2026-11-01",
           "members": [{"id": "a", "age": -1}], "needs": [{"id": "n", "member": "b", "provision": "tolkvoorziening"}]}
    body = assert_problem(client.post("/v1/advice", json=bad), 422)
    found = {(e["path"], e["pointer"], e["code"]) for e in body["errors"]}
    assert ("members[0].age", "/members/0/age", "out-of-range") in found
    assert ("id", "/id", "bad-format") in found
    assert any(e["path"] == "needs[0].member" for e in body["errors"])
    yaml_body = assert_problem(client.post("/v1/advice", content="schema_version: 1\nid: [x\n",
                                           headers={"content-type": "application/yaml"}), 400)
    assert yaml_body["errors"][0]["line"] >= 1
    assert_problem(client.post("/v1/advice", content="{", headers={"content-type": "application/json"}), 400)
    assert_problem(client.post("/v1/advice", content=b"\xff\xfe", headers={"content-type": "application/json"}), 400)
    assert_problem(client.post("/v1/advice", content="x", headers={"content-type": "image/png"}), 415)


def test_batch_streams_json_lines_and_reports_bad_lines_in_place(client: httpx.Client) -> None:
    lines = [json.dumps(case_json(p.name)) for p in EXAMPLE_CASES[:3]]
    lines.insert(1, '{"schema_version": 1}')
    with client.stream("POST", "/v1/advice/batch", content="\n".join(lines) + "\n\n",
                       headers={"content-type": "application/x-ndjson"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        out = [json.loads(line) for line in response.iter_lines() if line]
    assert len(out) == 4
    assert out[1]["line"] == 2 and out[1]["problem"]["status"] == 422 and out[1]["problem"]["errors"]
    assert [o.get("case_id") for o in out if "case_id" in o] == [json.loads(x)["id"] for x in lines if '"id"' in x]


def test_whatif_shows_what_changes_and_why(client: httpx.Client) -> None:
    response = client.post("/v1/whatif", json={"case": case_json(), "settings": [
        {"path": "municipality.pmm_connected", "value": False}]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"where": "escalation.next_step", "before": "maatwerkregister", "after": "lmm"} in body["changes"]
    assert body["before"]["trace"] == [] and body["after"]["escalation"]["next_step"] == "lmm"
    assert body["started_firing"] or body["stopped_firing"]
    as_yaml = client.post("/v1/whatif", json={"case": STEMTOLK, "settings": [{"path": "reference_date",
                                                                              "value": "2019-06-30"}]})
    assert as_yaml.status_code == 200
    bad = assert_problem(client.post("/v1/whatif", json={"case": case_json(), "settings": [
        {"path": "members.niemand.age", "value": 3}]}), 422)
    assert bad["errors"][0]["code"] == "bad-setting"
    assert_problem(client.post("/v1/whatif", json={"case": case_json(), "settings": []}), 422)


def test_case_route_reads_yaml_into_json(client: httpx.Client) -> None:
    response = client.post("/v1/case", content=STEMTOLK, headers={"content-type": "application/yaml"})
    assert response.json() == case_json()


# ---------------------------------------------------------------- jurists


def test_validate_reports_the_problems_of_pmm_rules_validate(client: httpx.Client, tmp_path: Any) -> None:
    from .test_validator_corpus import VALID_RULE_FILE

    bad = VALID_RULE_FILE.replace("ge: 18", "gte: 18")
    response = client.post("/v1/validate", content=bad, params={"name": "regel.yaml"},
                           headers={"content-type": "application/yaml"})
    report = response.json()
    assert response.status_code == 200 and report["valid"] is False and report["file"] == "regel.yaml"
    problem = report["problems"][0]
    assert (problem["file"], problem["line"], problem["column"], problem["code"], problem["path"]) == \
        ("regel.yaml", 14, 30, "unknown-operator", "rules[0].when.all[1].gte")
    good = client.post("/v1/validate", content=VALID_RULE_FILE, headers={"content-type": "application/yaml"})
    assert good.json() == {"file": "upload.yaml", "valid": True, "problems": []}


def test_rules_by_law_and_article_with_their_scenarios(client: httpx.Client) -> None:
    laws = client.get("/v1/laws").json()
    wmo = next(law for law in laws if law["law"] == "wmo2015")
    assert wmo["name"] == "Wmo 2015"
    article = next(a for a in wmo["articles"] if a["article"] == "2.3.5")
    rules = client.get("/v1/rules", params={"law": "wmo2015", "article": "2.3.5"}).json()
    assert sorted(r["id"] for r in rules) == article["rules"]
    assert any(s["passed"] for r in rules for s in r["scenarios"]["fires_in"])
    detail = client.get(f"/v1/rules/{rules[0]['id']}").json()
    assert detail["when"] and detail["citations"] and detail["explanation"]["nl"]
    missing = assert_problem(client.get("/v1/rules/wlz.regime.indicatiex"), 404)
    assert "did you mean 'wlz.regime.indicatie'" in missing["detail"]
    summary = client.get("/v1/scenarios").json()
    assert summary["passed"] > 100 and summary["failed"] == 0


def test_a_scenario_file_runs_from_a_request(client: httpx.Client) -> None:
    scenario = (EXAMPLES / "scenarios" / "voorbeeld_scenarios.yaml").read_text(encoding="utf-8")
    report = client.post("/v1/scenarios/run", content=scenario, headers={"content-type": "application/yaml"}).json()
    # Cases named by a relative path are found among the bundled examples by their file name.
    assert len(report["scenarios"]) >= 3 and report["failed"] == 0, report
    broken = assert_problem(client.post("/v1/scenarios/run", content="scenarios: 3\n",
                                        headers={"content-type": "application/yaml"}), 422)
    assert broken["errors"][0]["file"] == "scenarios.yaml"


# ---------------------------------------------------------------- graph and reference data


def test_graph_in_every_format_with_the_case_highlighted(client: httpx.Client) -> None:
    whole = client.get("/v1/graph").json()
    focused = client.get("/v1/graph", params={"case": "stemtolk"}).json()
    assert len(focused["nodes"]) < len(whole["nodes"])
    labels = {n["id"]: n["label"] for n in focused["nodes"]}
    assert labels["wmo2015"] == "Wmo 2015" and labels["maatwerkregister"] == "Maatwerkregister"
    assert any(e["hot"] and e["type"] == "escalates_to" for e in focused["edges"])
    assert all(e["label"] for e in focused["edges"])
    dot = client.get("/v1/graph", params={"case": "stemtolk", "format": "dot"})
    assert dot.text.startswith('digraph "voorbeeld-stemtolk"')
    for fmt, media in (("mermaid", "text/plain"), ("svg", "image/svg+xml"), ("graphml", "application/xml")):
        assert client.get("/v1/graph", params={"format": fmt}).headers["content-type"].startswith(media)
    posted = client.post("/v1/graph", json=case_json("schulden_ontruiming.yaml"), params={"format": "json"}).json()
    assert {"cjib_noodstop", "smal_moratorium"} <= {n["id"] for n in posted["nodes"]}
    assert_problem(client.get("/v1/graph", params={"case": "onbekend"}), 404)


def test_reference_routes(client: httpx.Client) -> None:
    from pmm_rules.load import shipped_schema

    assert client.get("/v1/schemas/case").json() == shipped_schema("case")
    assert_problem(client.get("/v1/schemas/nope"), 404)
    names = [e["name"] for e in client.get("/v1/examples").json()]
    assert names == sorted(p.stem for p in EXAMPLE_CASES)
    assert client.get("/v1/examples/stemtolk").json()["case"] == case_json()
    labels = client.get("/v1/labels", params={"lang": "en"}).json()
    assert labels["names"]["collision"]["gap"].startswith("Gap") and labels["words"]["page.tab.advice"] == "Advice"
    assert client.get("/healthz").json() == {"status": "ok"}
    version = client.get("/version").json()
    assert version["rules_sha256"] == Engine.default().rules_sha256
    assert_problem(client.get("/nowhere"), 404)
    assert_problem(client.delete("/v1/advice"), 405)


# ---------------------------------------------------------------- safety


def test_security_headers_and_no_cors(client: httpx.Client) -> None:
    for path in ("/", "/v1/examples", "/static/app.js"):
        response = client.get(path, headers={"Origin": "https://elders.example"})
        assert response.status_code == 200
        csp = response.headers["content-security-policy"]
        assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "unsafe-inline" not in csp
        assert "default-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "access-control-allow-origin" not in response.headers
        assert "server" not in response.headers
    page = client.get("/").text
    assert "<script>" not in page and " style=" not in page and "http://" not in page and "https://" not in page
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_the_log_has_case_ids_status_and_duration_but_no_case_content(server: Server, client: httpx.Client) -> None:
    data = case_json()
    data["members"][1]["id"] = SECRET_MEMBER
    assert client.post("/v1/advice", json=data, params={"lang": "nl"}).status_code == 200
    data["members"][0]["age"] = -4
    assert client.post("/v1/advice", json=data).status_code == 422
    log = server.log()
    assert "POST /v1/advice 200" in log and "case=voorbeeld-stemtolk" in log and " ms" in log
    assert "POST /v1/advice 422" in log
    assert SECRET_MEMBER not in log and "spraakbeperking" not in log and "lang=nl" not in log


def test_token_body_cap_time_limit_and_cors_when_configured() -> None:
    guarded = Server("--max-body", "4096", "--cors-origin", "https://portaal.example", token="s3cret-token")
    slow = Server("--time-limit", "0.0002")
    try:
        with httpx.Client(base_url=guarded.url, timeout=30) as http:
            body = assert_problem(http.post("/v1/advice", json=case_json()), 401)
            assert "Bearer" in body["detail"]
            assert http.post("/v1/advice", json=case_json()).headers["www-authenticate"].startswith("Bearer")
            assert_problem(http.get("/v1/examples", headers={"Authorization": "Bearer wrong"}), 401)
            auth = {"Authorization": "Bearer s3cret-token"}
            assert http.post("/v1/advice", json=case_json(), headers=auth).status_code == 200
            assert http.get("/healthz").status_code == 200 and http.get("/").status_code == 200
            big = json.dumps(case_json()) + " " * 5000
            assert_problem(http.post("/v1/advice", content=big, headers={**auth, "content-type": "application/json"}),
                           413)

            def chunks() -> Iterator[bytes]:  # no Content-Length: the guard counts the bytes as they come
                yield json.dumps(case_json()).encode()
                yield b" " * 8000

            assert_problem(http.post("/v1/advice", content=chunks(),
                                     headers={**auth, "content-type": "application/json"}), 413)
            preflight = http.options("/v1/advice", headers={"Origin": "https://portaal.example",
                                                            "Access-Control-Request-Method": "POST",
                                                            "Access-Control-Request-Headers": "authorization"})
            assert preflight.headers["access-control-allow-origin"] == "https://portaal.example"
            other = http.get("/healthz", headers={"Origin": "https://elders.example"})
            assert "access-control-allow-origin" not in other.headers
        with httpx.Client(base_url=slow.url, timeout=30) as http:
            body = assert_problem(http.post("/v1/advice", json=case_json()), 503)
            assert "time limit" in body["title"]
    finally:
        guarded.stop()
        slow.stop()
    assert "s3cret-token" not in guarded.url


# ---------------------------------------------------------------- the OpenAPI document and its examples


def _schema_for(doc: dict[str, Any], media: dict[str, Any]) -> dict[str, Any]:
    return {**media.get("schema", {}), "components": doc["components"]}


def _examples_in(doc: dict[str, Any]) -> Iterator[tuple[str, str, str, str, Any, dict[str, Any]]]:
    """(path, method, 'request' or a status, media type, example value, schema) for every documented example."""
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {})
            for media_type, media in body.items():
                for example in media.get("examples", {}).values():
                    yield path, method, "request", media_type, example["value"], _schema_for(doc, media)
            for status, response in operation.get("responses", {}).items():
                for media_type, media in response.get("content", {}).items():
                    for example in media.get("examples", {}).values():
                        yield path, method, status, media_type, example["value"], _schema_for(doc, media)


def test_the_openapi_document_validates_and_so_does_every_example(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    validate_spec(doc)
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    assert {"Case", "Advice", "ProblemDetails", "WhatIfResponse"} <= set(schemas)
    assert set(schemas["Advice"]["properties"]) >= {"needs", "collisions", "escalation", "bridging", "leeway"}
    found = list(_examples_in(doc))
    assert {(p, s) for p, _, s, *_ in found} >= {("/v1/advice", "request"), ("/v1/advice", "200"),
                                                  ("/v1/advice", "422"), ("/v1/whatif", "request"),
                                                  ("/v1/whatif", "200")}
    for path, method, status, media_type, value, schema in found:
        errors = sorted(OAS31Validator(schema).iter_errors(value), key=str)
        assert not errors, f"{method.upper()} {path} {status} {media_type}: {errors[0].message}"
    # Each documented request, sent as a client sends it, gets the documented answer, which fits its schema.
    for path, method, status, media_type, value, _ in found:
        if status != "request":
            continue
        content = value if isinstance(value, str) else json.dumps(value)
        response = client.request(method, path, content=content, headers={"content-type": media_type})
        assert response.status_code == 200, (path, media_type, response.text)
        answer = doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]
        errors = list(OAS31Validator(_schema_for(doc, answer)).iter_errors(response.json()))
        assert not errors, f"{path}: {errors[0].message}"


def test_documented_answers_fit_their_schemas(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()

    def fits(path: str, method: str, status: str, value: Any) -> None:
        content = doc["paths"][path][method]["responses"][status]["content"]
        media = content.get("application/json") or content[next(iter(content))]
        errors = list(OAS31Validator(_schema_for(doc, media)).iter_errors(value))
        assert not errors, f"{path} {status}: {errors[0].message}"

    fits("/v1/rules", "get", "200", client.get("/v1/rules", params={"law": "awb"}).json())
    fits("/v1/laws", "get", "200", client.get("/v1/laws").json())
    fits("/v1/examples", "get", "200", client.get("/v1/examples").json())
    fits("/v1/graph", "get", "200", client.get("/v1/graph", params={"case": "wlz_wachtend"}).json())
    fits("/version", "get", "200", client.get("/version").json())
    fits("/v1/advice", "post", "422", client.post("/v1/advice", json={"schema_version": 2}).json())


# ---------------------------------------------------------------- properties: no 500, ever

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=10), inner, max_size=4), max_leaves=20)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=cases())
def test_generated_cases_are_advised(client: httpx.Client, case: Any) -> None:
    response = client.post("/v1/advice", content=case.to_json(), headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json()["case_id"] == case.id


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode),
                      JSON_VALUES.map(lambda v: json.dumps(v).encode()),
                      st.builds(lambda key, value: json.dumps({**case_json(), key: value}).encode(),
                                st.sampled_from(["members", "needs", "reference_date", "id", "debts", "threats"]),
                                JSON_VALUES)),
       media=st.sampled_from(["application/json", "application/yaml", "", "text/plain"]),
       path=st.sampled_from(["/v1/advice", "/v1/case", "/v1/graph", "/v1/validate", "/v1/scenarios/run",
                             "/v1/advice/batch", "/v1/whatif"]))
def test_bad_bodies_never_get_a_500(client: httpx.Client, body: bytes, media: str, path: str) -> None:
    headers = {"content-type": media} if media else {}
    response = client.post(path, content=body, headers=headers)
    assert response.status_code in (200, 400, 413, 415, 422), (response.status_code, response.text)
    if response.status_code != 200:
        assert_problem(response, response.status_code)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(params=st.dictionaries(st.sampled_from(["lang", "format", "trace", "scope", "case", "law", "article", "name"]),
                              st.text(max_size=12), max_size=3),
       path=st.sampled_from(["/v1/graph", "/v1/rules", "/v1/laws", "/v1/labels", "/v1/examples/x",
                             "/v1/rules/%3Cb%3E", "/v1/schemas/..%2F..%2Fetc"]))
def test_odd_query_parameters_never_get_a_500(client: httpx.Client, params: dict[str, str], path: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code in (200, 404, 422), (response.status_code, response.text)


def test_yaml_bombs_and_deep_documents_are_refused_politely(client: httpx.Client) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}]\n"
                                                      for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    assert_problem(client.post("/v1/advice", content=bomb, headers={"content-type": "application/yaml"}), 422)
    deep = "[" * 5000 + "]" * 5000
    response = client.post("/v1/advice", content=deep, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)
    assert yaml.safe_load(STEMTOLK)["id"] == "voorbeeld-stemtolk"
    assert ROOT.exists()


# ---------------------------------------------------------------- docs/serve.md


def test_every_curl_example_in_the_docs_runs(server: Server) -> None:
    import re
    import subprocess

    doc = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    routes = doc.split("## The routes, with curl", 1)[1].split("\n## ", 1)[0]
    commands = [line for block in re.findall(r"```sh\n(.*?)```", routes, re.S) for line in block.splitlines()
                if "curl " in line]
    assert len(commands) >= 20
    covered = set()
    for command in commands:
        run = command.replace("http://127.0.0.1:8000", server.url) + " -o /dev/null -w '%{http_code}'"
        result = subprocess.run(["bash", "-c", run], cwd=ROOT, capture_output=True, text=True, timeout=60)
        expected = "422" if '"age": -1' in command else "200"
        assert result.returncode == 0 and result.stdout == expected, (command, result.stdout, result.stderr)
        covered.update(re.findall(r"8000(/[a-z0-9/{}._-]*)", command))
    documented = {path.split("{")[0].rstrip("/") for path in
                  httpx.get(server.url + "/openapi.json").json()["paths"]}
    missing = {path for path in documented if not any(c.startswith(path) for c in covered)}
    assert not missing, f"routes without a curl example in docs/serve.md: {missing}"
