"""The web service: FastAPI routes over the engine, what-if, explain, validation and scenario runs.

Every answer about bad input is RFC 9457 problem details with every problem's path (the problems `pmm-rules
validate` reports); the work of a request runs in a worker thread under the time limit, so a slow request answers
503 instead of holding the event loop. The OpenAPI document is generated from the library's own pydantic models
(`Case`, `Advice`) and this package's (`_models`), with examples computed from a bundled example case at start-up.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import re
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException

from .._version import __version__
from ..engine import Engine
from ..errors import EngineError, EngineLimitError, InvalidInput, Problem
from ..labels import Lang, names, words
from ..load import (
    check_paths,
    from_data,
    json_located,
    load_scenarios,
    load_text,
    shipped_schema,
    validate_case_data,
)
from ..model import SCHEMA_NAMES, Advice, Case
from ..render import ADVICE_FORMATS, case_graph, export_graph, render_advice
from ..tools.scenarios import run_scenario
from ..tools.whatif import WhatIf, what_if
from ._examples import examples
from ._guard import Guard
from ._jurist import Jurist, ScenarioRun
from ._models import (
    ExampleCase,
    ExampleInfo,
    GraphJson,
    Health,
    Labels,
    LawIndex,
    RuleDetail,
    RuleSummary,
    ScenarioReport,
    ValidationReport,
    Version,
    WhatIfRequest,
    WhatIfResponse,
)
from ._problems import KINDS, PROBLEM_MEDIA_TYPE, ProblemDetails, problem_body, problem_item
from ._settings import Settings

log = logging.getLogger("pmm_rules.serve")
STATIC = Path(__file__).parent / "static"

JSON_TYPES = ("application/json", "")
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")
JSON_LINES_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "text/plain", "")
ADVICE_MEDIA = {"json": "application/json", "jsonl": "application/x-ndjson", "text": "text/plain; charset=utf-8",
                "markdown": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
GRAPH_MEDIA = {"json": "application/json", "dot": "text/vnd.graphviz; charset=utf-8",
               "mermaid": "text/plain; charset=utf-8", "svg": "image/svg+xml", "graphml": "application/xml"}
# A syntax error means the body could not be read at all (400); anything else is content that is not valid (422).
SYNTAX_CODES = frozenset({"json-syntax", "yaml-syntax", "yaml-tab", "yaml-indentation", "yaml-unclosed",
                          "file-encoding"})
# The advice of the `html` format has its own inline style and no scripts.
HTML_NOTE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"

_T = TypeVar("_T")
GraphFormatName = Literal["json", "dot", "mermaid", "svg", "graphml"]


class ProblemError(Exception):
    """An answer with problem details: a status, a detail and the problems of the input."""

    def __init__(self, status: int, detail: str, problems: list[Problem] | None = None,
                 kind: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.problems, self.kind = status, detail, problems or [], kind


def _problem_response(request: Request, status: int, detail: str | None, problems: list[Problem] | None = None,
                      kind: str | None = None, headers: dict[str, str] | None = None) -> Response:
    default_kind, title = KINDS.get(status, ("error", "Error"))
    body = problem_body(status, kind or default_kind, title, detail, request.url.path, problems or [])
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _invalid_status(problems: list[Problem]) -> int:
    return 400 if any(p.code in SYNTAX_CODES for p in problems) else 422


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _text(body: bytes, source: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(source, 1, exc.start + 1, "file-encoding", "the body is not valid UTF-8",
                                    hint="send UTF-8")], what=source) from None


def read_case(body: bytes, media: str, source: str = "request") -> Case:
    """A valid case from a request body (JSON or YAML), or `InvalidInput` with every problem and its path.

    JSON that the model accepts in strict mode (no coercion at all) also fits the case schema, which is generated
    from the model: it skips the JSON Schema check, which costs more than advising the case. Anything strict mode
    refuses takes the full path of `pmm-rules advise`, which names every problem."""
    if media in JSON_TYPES or media.endswith("+json"):
        if media == "" and not body.lstrip().startswith((b"{", b"[")):
            return validate_case_data(load_text(_text(body, source), source))
        try:
            return Case.model_validate_json(body, strict=True)
        except ValidationError:
            pass
        return validate_case_data(json_located(_text(body, source), source))
    if media in YAML_TYPES:
        return validate_case_data(load_text(_text(body, source), source))
    raise ProblemError(415, f"send the case as application/json or application/yaml, not {media}")


def _safe_name(name: str, default: str) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(name).name)[:80].lstrip(".") or default
    return base if base.endswith((".yaml", ".yml")) else base + ".yaml"


def _renamed(problems: list[Problem], path: Path, shown: str) -> list[Problem]:
    return [dataclasses.replace(p, file=shown) if p.file == str(path) else p for p in problems]


def _scenario_folder(root: Path, name: str, text: str) -> Path:
    """The scenario file written two folders deep under `root`, with every case file it names by a relative path
    that is a bundled example (`cases/stemtolk.yaml`, `cases/wlz_wachtend.yaml`) written where it points:
    scenario files from a checkout run unchanged. Other paths stay missing and are reported as such."""
    path = root / "scenarios" / "uploaded" / name
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    try:
        data = load_text(text, name).data
    except InvalidInput:
        return path
    scenarios = data.get("scenarios") if isinstance(data, dict) else None
    for scenario in scenarios if isinstance(scenarios, list) else []:
        case = scenario.get("case") if isinstance(scenario, dict) else None
        if not isinstance(case, str) or Path(case).name.removesuffix(".yaml") not in examples():
            continue
        target = (path.parent / case).resolve()
        if target.is_relative_to(root.resolve()) and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(examples()[Path(case).name.removesuffix(".yaml")].text, encoding="utf-8")
    return path


class Service:
    """The engine and what the routes share; every method here runs in a worker thread."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.jurist = Jurist(engine)

    async def work(self, function: Callable[[], _T]) -> _T:
        """`function()` in a worker thread, within the time limit (past it: 503; the thread is abandoned)."""
        try:
            with anyio.fail_after(self.settings.time_limit):
                return await anyio.to_thread.run_sync(function, abandon_on_cancel=True)
        except TimeoutError:
            raise ProblemError(503, f"the request took longer than {self.settings.time_limit:g} s") from None

    async def jurist_work(self, function: Callable[[], _T]) -> _T:
        """`work(function)` for routes over the bundled scenario runs. Running every bundled scenario once (seconds;
        the server starts it in the background) is not the request's own work: waiting for it does not count
        against the time limit, else the first visitor of the rule index after a start gets a 503."""
        await anyio.to_thread.run_sync(self.jurist.runs)
        return await self.work(function)

    def example_case(self, name: str) -> Case:
        found = examples().get(name)
        if found is None:
            raise ProblemError(404, f"no bundled example '{name}' (examples: {', '.join(examples())})")
        return validate_case_data(from_data(found.data, f"examples/{name}.yaml"))

    def labels(self, lang: Lang) -> dict[str, Any]:
        table = {kind: dict(entries) for kind, entries in names(lang).items()}
        vocab = self.engine.vocabulary
        for law_id, law in vocab.laws.items():
            table.setdefault("law", {}).setdefault(law_id, law.name)
        for actor_id, actor in getattr(vocab, "actors", {}).items():
            actor_name = getattr(actor, "name", None) or (actor.get("name") if isinstance(actor, dict) else None)
            if actor_name:
                table.setdefault("actor", {}).setdefault(actor_id, actor_name)
        return {"lang": lang, "words": words(lang), "names": table}

    def graph(self, fmt: str, case: Case | None, scope: str, lang: Lang) -> tuple[str, str]:
        advice = self.engine.advise(case, trace=False) if case is not None else None
        if fmt == "json":
            if advice is not None and scope == "case":
                return json.dumps(case_graph(self.engine.graph, advice, lang).as_json(), ensure_ascii=False), "json"
            nodes = [{"id": n, "type": node.type, "label": node.label or n, "hot": False, "status": None}
                     for n, node in sorted(self.engine.graph.nodes.items())]
            edges = [{"from": e.from_, "to": e.to, "type": e.type, "label": e.type, "hot": False}
                     for e in self.engine.graph.edges]
            return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False), "json"
        if fmt == "dot" and advice is None and scope == "case":
            scope = "all"
        text = export_graph(self.engine.graph, fmt, advice, scope="case" if scope == "case" else "all",  # type: ignore[arg-type]
                            lang=lang)
        return text, fmt


# ---------------------------------------------------------------- OpenAPI: documented responses and examples


def _whatif_response(result: WhatIf, settings: Sequence[Any], trace: bool) -> WhatIfResponse:
    before, after = result.before, result.after
    if not trace:
        before, after = before.model_copy(update={"trace": []}), after.model_copy(update={"trace": []})
    return WhatIfResponse.model_validate({
        "settings": list(settings), "changes": [vars(c) for c in result.changes],
        "started_firing": [{"rule": r, "subject": s} for r, s in result.started_firing],
        "stopped_firing": [{"rule": r, "subject": s} for r, s in result.stopped_firing],
        "before": before, "after": after})


def _problem_doc(*statuses: int) -> dict[int | str, dict[str, Any]]:
    described = {400: "The body cannot be read (syntax, encoding)", 401: "No or a wrong bearer token",
                 404: "Not found", 413: "The body is larger than the cap", 415: "Unsupported media type",
                 422: "The input is not valid: every problem with its path", 503: "Past the time limit"}
    return {status: {"description": described[status],
                     "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}
            for status in statuses}


V1_PROBLEMS = (401, 413, 422, 503)


def _examples(engine: Engine) -> dict[str, Any]:
    """Real requests and answers for the OpenAPI document, computed from the bundled example `stemtolk`."""
    example = examples()["stemtolk"]
    case = validate_case_data(from_data(example.data, "examples/stemtolk.yaml"))
    case_json = case.model_dump(mode="json", exclude_none=True)
    advice = json.loads(engine.advise(case, evaluated_at="2026-11-01T12:00:00+00:00", trace=False).to_json())
    bad = {"schema_version": 1, "id": "x", "reference_date": "2026-11-01", "members": [{"id": "a", "age": -1}]}
    try:
        read_case(json.dumps(bad).encode(), "application/json")
        raise AssertionError("the bad example case is valid")
    except InvalidInput as exc:
        problem = problem_body(422, "invalid-input", KINDS[422][1], "case request is not valid", "/v1/advice",
                               exc.problems)
    settings: list[dict[str, Any]] = [{"path": "municipality.pmm_connected", "value": False}]
    result = what_if(engine, from_data(case_json, "case"), [(s["path"], s["value"]) for s in settings],
                     evaluated_at="2026-11-01T12:00:00+00:00")
    whatif = _whatif_response(result, settings, trace=False)
    return {"case": case_json, "yaml": example.text, "advice": advice, "problem": problem,
            "whatif_request": {"case": case_json, "settings": settings},
            "whatif": json.loads(whatif.model_dump_json())}


def _openapi(app: FastAPI, engine: Engine) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes,
                          separate_input_output_schemas=False)
        models: list[type[BaseModel]] = [Case, Advice, ProblemDetails, WhatIfResponse, WhatIfRequest, GraphJson]
        _, extra = models_json_schema([(m, "validation") for m in models],
                                      ref_template="#/components/schemas/{model}")
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for model_name, schema in extra.get("$defs", {}).items():
            schemas.setdefault(model_name, schema)
        found = _examples(engine)
        paths = doc["paths"]
        advice_post = paths["/v1/advice"]["post"]
        advice_post["requestBody"]["content"]["application/json"]["examples"] = {
            "stemtolk": {"summary": "the bundled example stemtolk", "value": found["case"]}}
        advice_post["requestBody"]["content"]["application/yaml"]["examples"] = {
            "stemtolk": {"summary": "the same case as YAML", "value": found["yaml"]}}
        advice_post["responses"]["200"]["content"]["application/json"]["examples"] = {
            "stemtolk": {"summary": "its advice (with trace=false)", "value": found["advice"]}}
        advice_post["responses"]["422"]["content"][PROBLEM_MEDIA_TYPE]["examples"] = {
            "negative age": {"summary": "a member aged -1", "value": found["problem"]}}
        whatif_post = paths["/v1/whatif"]["post"]
        whatif_post["requestBody"]["content"]["application/json"]["examples"] = {
            "not joined": {"summary": "what if the gemeente had not joined PMM?", "value": found["whatif_request"]}}
        whatif_post["responses"]["200"]["content"]["application/json"]["examples"] = {
            "not joined": {"summary": "the route skips the Maatwerkregister", "value": found["whatif"]}}
        app.openapi_schema = doc
        return doc

    return build


_CASE_BODY = {"requestBody": {"required": True, "description": "a case (docs/design.md, the case), as JSON or YAML",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}},
                                          "application/yaml": {"schema": {"type": "string"}}}}}
_TEXT_BODY = {"requestBody": {"required": True, "description": "a rule, graph, scenario or case file (YAML)",
                              "content": {"application/yaml": {"schema": {"type": "string"}}}}}


# ---------------------------------------------------------------- the app


def app_from_environment() -> FastAPI:
    """The app of `pmm-rules serve --workers N`: each worker process builds its own app and engine (never one
    inherited from a parent across a fork) from the settings the command put in the environment."""
    return create_app(Settings.from_environment())


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The service as an ASGI app (uvicorn runs it; so does any ASGI server)."""
    settings = settings or Settings.from_env()
    if engine is None:
        engine = (Engine.from_paths(list(settings.rules), backend=settings.backend) if settings.rules
                  else Engine.default(backend=settings.backend))
    service = Service(engine, settings)

    @contextlib.asynccontextmanager
    async def warm_up(app: FastAPI) -> AsyncIterator[None]:
        # The rule index shows per rule the scenarios it fires in: run them while nobody asks yet.
        threading.Thread(target=service.jurist.runs, name="pmm-rules-scenario-runs", daemon=True).start()
        yield

    app = FastAPI(title="pmm-rules", version=__version__, root_path=settings.root_path, lifespan=warm_up,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", separate_input_output_schemas=False,
                  description="Maatwerk as code: explained advice for stuck cases in the Dutch social domain. "
                              "Decision support, not a decision. All /v1 routes need `Authorization: Bearer <token>` "
                              "when the server runs with PMM_RULES_TOKEN set.")
    app.openapi = _openapi(app, engine)  # type: ignore[method-assign]
    app.state.service = service

    # ---- errors: problem details, never a traceback
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> Response:
        return _problem_response(request, exc.status, exc.detail, exc.problems, exc.kind)

    @app.exception_handler(InvalidInput)
    async def _invalid(request: Request, exc: InvalidInput) -> Response:
        return _problem_response(request, _invalid_status(exc.problems), f"{exc.what} is not valid", exc.problems)

    @app.exception_handler(EngineError)
    async def _engine_error(request: Request, exc: EngineError) -> Response:
        kind = "engine-limit" if isinstance(exc, EngineLimitError) else "engine"
        return _problem_response(request, 422, "the rule engine cannot advise on this case: " + str(exc), kind=kind)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        return _problem_response(request, exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            location = [p for p in error.get("loc", ()) if isinstance(p, (str, int))]
            where, path = (location[0], location[1:]) if location else ("request", [])
            problems.append(Problem(str(where), 1, 1, "request-invalid", str(error.get("msg", "")),
                                    tuple(path)))
        return _problem_response(request, 422, "the request is not valid", problems)

    @app.exception_handler(RecursionError)
    async def _too_deep(request: Request, exc: RecursionError) -> Response:
        problem = Problem("request", 1, 1, "too-deep", "the document nests too deeply to be read",
                          hint="a case is a few levels deep; send a real case")
        return _problem_response(request, 400, "the request body nests too deeply", [problem])

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s: %s", request.url.path, type(exc).__name__)
        return _problem_response(request, 500, "an internal error; the server log names its kind")

    # ---- the advice
    @app.post("/v1/advice", tags=["advice"], summary="Advice on one case (JSON or YAML)",
              openapi_extra=_CASE_BODY,
              responses={200: {"description": "the advice (the contract JSON, or a note with `format`)",
                               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Advice"}},
                                           "text/plain": {"schema": {"type": "string"}},
                                           "text/markdown": {"schema": {"type": "string"}},
                                           "text/html": {"schema": {"type": "string"}}}},
                         **_problem_doc(400, 415, *V1_PROBLEMS)})
    async def advise(request: Request, lang: Lang = "nl",
                     format: str = Query("json", json_schema_extra={"enum": list(ADVICE_FORMATS)},
                                         description="json (the contract), text, markdown or html"),
                     trace: bool = Query(True, description="false leaves `trace` empty (a fifth of the size)")
                     ) -> Response:
        if format not in ADVICE_FORMATS:
            raise ProblemError(422, f"unknown format '{format}' (formats: {', '.join(ADVICE_FORMATS)})")
        body = await request.body()
        media = _media(request)

        def compute() -> str:
            case = read_case(body, media)
            request.state.case_id = case.id
            if format == "json":
                if trace:
                    return engine.advise_json(case)
                return engine.advise(case, trace=False).to_json(indent=None)
            return render_advice(engine.advise(case, trace=trace), format, lang)

        text = await service.work(compute)
        headers = {"content-security-policy": HTML_NOTE_CSP} if format == "html" else None
        return Response(text, media_type=ADVICE_MEDIA.get(format, "text/plain; charset=utf-8"), headers=headers)

    @app.post("/v1/case", tags=["advice"], summary="Read and check a case (JSON or YAML); answer it as JSON",
              openapi_extra=_CASE_BODY, response_model=Case,
              responses=_problem_doc(400, 415, *V1_PROBLEMS))
    async def read_case_route(request: Request) -> Response:
        body, media = await request.body(), _media(request)
        case = await service.work(lambda: read_case(body, media))
        request.state.case_id = case.id
        return JSONResponse(case.model_dump(mode="json", exclude_none=True))

    @app.post("/v1/advice/batch", tags=["advice"], summary="Advice on many cases: JSON Lines in, JSON Lines out",
              openapi_extra={"requestBody": {"required": True, "description": "one case per line (JSON)",
                                             "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}},
              responses={200: {"description": "per input line, in order: the advice JSON on one line, or "
                                              '`{"line": N, "problem": {problem details}}` for a bad case',
                               "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                         **_problem_doc(415, *V1_PROBLEMS)})
    async def advise_batch(request: Request, trace: bool = True) -> Response:
        media = _media(request)
        if media not in JSON_LINES_TYPES and media not in JSON_TYPES:
            raise ProblemError(415, f"send JSON Lines (application/x-ndjson), not {media}")
        body = await request.body()
        limit = settings.time_limit

        def lines() -> Iterator[str]:
            for number, raw in enumerate(body.split(b"\n"), start=1):
                if not raw.strip():
                    continue
                started = time.perf_counter()
                source = f"request line {number}"
                try:
                    case = read_case(raw, "application/json", source)
                    yield (engine.advise_json(case) if trace
                           else engine.advise(case, trace=False).to_json(indent=None))
                except InvalidInput as exc:
                    status = _invalid_status(exc.problems)
                    yield json.dumps({"line": number, "problem": problem_body(
                        status, KINDS[status][0], KINDS[status][1], f"{source} is not valid", request.url.path,
                        exc.problems)}, ensure_ascii=False) + "\n"
                except EngineError as exc:
                    yield json.dumps({"line": number, "problem": problem_body(
                        422, "engine", KINDS[422][1], str(exc), request.url.path)}, ensure_ascii=False) + "\n"
                if time.perf_counter() - started > limit:
                    yield json.dumps({"line": number, "problem": problem_body(
                        503, "time-limit", KINDS[503][1], f"a case took longer than {limit:g} s; the batch stops",
                        request.url.path)}) + "\n"
                    return

        return StreamingResponse(lines(), media_type="application/x-ndjson")

    @app.post("/v1/whatif", tags=["advice"], summary="Change facts of a case and see what changes in the advice",
              response_model=WhatIfResponse, responses=_problem_doc(400, *V1_PROBLEMS))
    async def whatif(request: Request, payload: WhatIfRequest,
                     trace: bool = Query(False, description="true keeps both advices' traces")) -> Response:
        def compute() -> str:
            located = (from_data(payload.case, "case") if isinstance(payload.case, dict)
                       else load_text(payload.case, "case"))
            result = what_if(engine, located, [(s.path, s.value) for s in payload.settings])
            request.state.case_id = result.before.case_id
            response = _whatif_response(result, payload.settings, trace)
            return response.model_dump_json()

        return Response(await service.work(compute), media_type="application/json")

    @app.post("/v1/validate", tags=["rules"], summary="Check a rule, graph, scenario or case file",
              response_model=ValidationReport, openapi_extra=_TEXT_BODY, responses=_problem_doc(400, *V1_PROBLEMS))
    async def validate(request: Request, name: str = Query("upload.yaml", max_length=200,
                                                           description="the file name to report problems under")
                       ) -> ValidationReport:
        text = _text(await request.body(), name)
        shown = _safe_name(name, "upload.yaml")

        def compute() -> ValidationReport:
            with tempfile.TemporaryDirectory(prefix="pmm-rules-") as folder:
                path = Path(folder) / shown
                path.write_text(text, encoding="utf-8")
                base = check_paths([path])
            problems = _renamed(base.problems, path, shown)
            return ValidationReport(file=shown, valid=not any(p.severity == "error" for p in problems),
                                    problems=[problem_item(p) for p in problems])  # type: ignore[misc]

        return await service.work(compute)

    # ---- jurists: rules by law and article, scenarios
    @app.get("/v1/laws", tags=["rules"], summary="The laws the rules cite, by article, with the rules citing each",
             response_model=list[LawIndex], responses=_problem_doc(*V1_PROBLEMS))
    async def laws(lang: Lang = "nl") -> Any:
        return await service.work(lambda: service.jurist.laws(lang))

    @app.get("/v1/rules", tags=["rules"], summary="The rules, optionally of one law and article, with scenarios",
             response_model=list[RuleSummary], responses=_problem_doc(*V1_PROBLEMS))
    async def rules(law: str | None = Query(None, max_length=40),
                    article: str | None = Query(None, max_length=40)) -> Any:
        return await service.jurist_work(lambda: service.jurist.rules(law, article))

    @app.get("/v1/rules/{rule_id}", tags=["rules"], summary="One rule: what `pmm-rules explain` shows",
             response_model=RuleDetail, responses=_problem_doc(404, *V1_PROBLEMS))
    async def rule(rule_id: str, lang: Lang = "nl") -> Any:
        def compute() -> dict[str, Any]:
            try:
                return service.jurist.rule(rule_id, lang)
            except KeyError as exc:
                raise ProblemError(404, str(exc.args[0])) from None

        return await service.jurist_work(compute)

    @app.get("/v1/scenarios", tags=["rules"], summary="The bundled scenarios and whether they pass",
             response_model=ScenarioReport, responses=_problem_doc(*V1_PROBLEMS))
    async def scenarios() -> Any:
        def compute() -> dict[str, Any]:
            runs = service.jurist.runs()
            return {"file": "(bundled)", "passed": sum(r.passed for r in runs),
                    "failed": sum(not r.passed for r in runs), "scenarios": [r.summary() for r in runs]}

        return await service.jurist_work(compute)

    @app.post("/v1/scenarios/run", tags=["rules"], summary="Run a scenario file (YAML) against the rules",
              response_model=ScenarioReport, openapi_extra=_TEXT_BODY, responses=_problem_doc(400, *V1_PROBLEMS))
    async def run_scenarios(request: Request, name: str = Query("scenarios.yaml", max_length=200),
                            lang: Lang = "nl") -> Any:
        text = _text(await request.body(), name)
        shown = _safe_name(name, "scenarios.yaml")

        def compute() -> dict[str, Any]:
            with tempfile.TemporaryDirectory(prefix="pmm-rules-") as folder:
                path = _scenario_folder(Path(folder), shown, text)
                try:
                    loaded = load_scenarios(path, [Path(folder)])
                except InvalidInput as exc:
                    problems = _renamed(exc.problems, path, shown)
                    raise ProblemError(_invalid_status(problems), f"{shown} is not a valid scenario file",
                                       problems) from None
            runs = [ScenarioRun.of(run_scenario(engine, s), lang) for s in loaded]
            for run in runs:
                run.file = shown
                run.id = f"{shown}::{run.name}"
            return {"file": shown, "passed": sum(r.passed for r in runs), "failed": sum(not r.passed for r in runs),
                    "scenarios": [r.summary() for r in runs]}

        return await service.work(compute)

    # ---- the graph
    async def _graph(fmt: str, case: Case | None, scope: str, lang: Lang) -> Response:
        text, kind = await service.work(lambda: service.graph(fmt, case, scope, lang))
        return Response(text, media_type=GRAPH_MEDIA[kind])

    graph_doc: dict[int | str, dict[str, Any]] = {
        200: {"description": "the graph as JSON, DOT, Mermaid, SVG or GraphML",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GraphJson"}},
                          "text/vnd.graphviz": {"schema": {"type": "string"}},
                          "image/svg+xml": {"schema": {"type": "string"}},
                          "text/plain": {"schema": {"type": "string"}},
                          "application/xml": {"schema": {"type": "string"}}}}}

    @app.get("/v1/graph", tags=["graph"], summary="The responsibility graph; `case` (a bundled example) highlights",
             responses={**graph_doc, **_problem_doc(404, *V1_PROBLEMS)})
    async def graph(format: GraphFormatName = "json",
                    case: str | None = Query(None, max_length=80, description="a bundled example, e.g. stemtolk"),
                    scope: Literal["all", "case"] = Query("case", description="case: only what matters for `case`"),
                    lang: Lang = "nl") -> Response:
        found = service.example_case(case) if case else None
        return await _graph(format, found, scope if found else "all", lang)

    @app.post("/v1/graph", tags=["graph"], summary="The graph of a case sent in the body (JSON or YAML)",
              openapi_extra=_CASE_BODY, responses={**graph_doc, **_problem_doc(400, 415, *V1_PROBLEMS)})
    async def graph_of_case(request: Request, format: GraphFormatName = "json",
                            scope: Literal["all", "case"] = "case", lang: Lang = "nl") -> Response:
        body, media = await request.body(), _media(request)
        case = await service.work(lambda: read_case(body, media))
        request.state.case_id = case.id
        return await _graph(format, case, scope, lang)

    # ---- reference data for the page and for editors
    @app.get("/v1/schemas/{name}", tags=["reference"], summary="The JSON Schema of a file format",
             responses={200: {"description": "a JSON Schema", "content": {"application/json": {"schema": {}}}},
                        **_problem_doc(404, *V1_PROBLEMS)})
    async def schema(name: str) -> Response:
        if name not in SCHEMA_NAMES:
            raise ProblemError(404, f"no schema '{name}' (schemas: {', '.join(SCHEMA_NAMES)})")
        return JSONResponse(shipped_schema(name))

    @app.get("/v1/examples", tags=["reference"], summary="The bundled example cases",
             response_model=list[ExampleInfo], responses=_problem_doc(*V1_PROBLEMS))
    async def example_list() -> Any:
        return [{"name": e.name, "case_id": e.case_id, "description": e.description} for e in examples().values()]

    @app.get("/v1/examples/{name}", tags=["reference"], summary="One bundled example case, as JSON and as YAML",
             response_model=ExampleCase, responses=_problem_doc(404, *V1_PROBLEMS))
    async def example(name: str) -> Any:
        case = service.example_case(name)
        found = examples()[name]
        return {"name": name, "case_id": found.case_id, "description": found.description,
                "case": case.model_dump(mode="json", exclude_none=True), "yaml": found.text}

    @app.get("/v1/labels", tags=["reference"], summary="Every label and human name, in Dutch or English",
             response_model=Labels, responses=_problem_doc(*V1_PROBLEMS))
    async def labels(lang: Lang = "nl") -> Any:
        return service.labels(lang)

    @app.get("/healthz", tags=["service"], summary="Liveness", response_model=Health)
    async def healthz() -> Any:
        return {"status": "ok"}

    @app.get("/version", tags=["service"], summary="Engine and rule base", response_model=Version)
    async def version() -> Any:
        return {"version": __version__, "backend": engine.backend_name, "rules_sha256": engine.rules_sha256,
                "rule_count": len(engine.rules)}

    # ---- the page
    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(Guard, settings=settings)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    return app

