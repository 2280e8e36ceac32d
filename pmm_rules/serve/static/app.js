// The page of `pmm-rules serve`: advice for people, what-if for the masterclass, the graph of the case and the
// rules for jurists. Everything it shows comes from the advice JSON of the API; unknown fields are ignored and
// fields the contract adds later (notices, warnings, open tests, first actions, ...) are shown when present.
// Case content is untrusted: every text goes into the page through textContent, never as markup.
"use strict";

const state = {
  lang: "nl", words: {}, names: {}, examples: [], exampleName: null,
  original: null, caseData: null, history: [], advice: null, previous: null, changes: [], token: null,
};

// ---------------------------------------------------------------- small helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function t(key, values) {
  let text = state.words[key] ?? key;
  for (const [name, value] of Object.entries(values || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}

function n(kind, id) {
  if (id === null || id === undefined) return "";
  const table = state.names[kind] || {};
  return table[id] ?? String(id);
}

function actorName(id) {
  return (state.names.actor || {})[id] ?? (state.names.creditor || {})[id] ?? String(id);
}

// A text of the advice: a string, or {nl, en}, or an object with such a text in a known field.
function tx(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(tx).filter(Boolean).join("; ");
  if (typeof value === "object") {
    if (state.lang in value && typeof value[state.lang] === "string") return value[state.lang];
    for (const key of ["text", "question", "explanation", "action", "notice", "reason", "title", "description", "label"]) {
      if (key in value) return tx(value[key]);
    }
    if ("path" in value) return String(value.path);
    if ("rule" in value) return String(value.rule);
    if ("id" in value) return String(value.id);
  }
  return "";
}

function list(value) { return Array.isArray(value) ? value : []; }

function needName(needId) {
  const need = list(state.advice && state.advice.needs).find((x) => x.need === needId);
  if (!need) return needId;
  return t("page.need_of", { provision: n("provision", need.provision), member: need.member });
}

function citeText(c) {
  if (!c) return "";
  if (c.kind === "practice" || !c.article) return c.title || c.url || "";
  const law = n("law", c.law);
  let text = `${law} art. ${c.article}`;
  if (c.paragraph) text += ` ${t("page.lid")} ${c.paragraph}`;
  if (c.sub) text += ` ${t("page.sub")} ${c.sub}`;
  return text;
}

function citations(items, { label = true } = {}) {
  const shown = list(items);
  if (!shown.length) return null;
  return el("p", { class: "cites" }, label ? el("span", { class: "cites-label", text: t("sources") + ": " }) : null,
    shown.map((c, i) => [i ? "; " : "",
      c.url ? el("a", { href: c.url, rel: "noopener noreferrer", target: "_blank" }, citeText(c)) : citeText(c),
      c.confidence && c.confidence !== "verified" ? el("span", { class: "badge", text: n("confidence", c.confidence) }) : null]));
}

function section(id, title, ...content) {
  return el("section", { id: "sec-" + id, class: "card", "data-section": id }, el("h2", { text: title }), ...content);
}

// ---------------------------------------------------------------- the API

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers.Authorization = "Bearer " + state.token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    showToken();
    throw new Error(t("page.token_needed"));
  }
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    const problem = type.includes("json") ? await response.json() : { title: await response.text(), errors: [] };
    showProblems(problem);
    throw new Error(problem.title || String(response.status));
  }
  hideProblems();
  return type.includes("json") ? response.json() : response.text();
}

function postJson(path, body) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

function showToken() {
  document.getElementById("token-box").hidden = false;
  document.getElementById("token-input").focus();
}

function showProblems(problem) {
  const box = document.getElementById("problems");
  box.replaceChildren(
    el("h2", { text: t("page.problems") }),
    el("p", { text: [problem.title, problem.detail].filter(Boolean).join(": ") }),
    el("ul", {}, list(problem.errors).map((p) => el("li", {},
      el("code", { text: `${p.file}:${p.line}:${p.column}` }), " ",
      el("strong", { text: p.path }), ": ", p.message,
      p.expected ? ` (${t("page.expected")} ${p.expected})` : "", p.hint ? el("div", { class: "hint", text: p.hint }) : null))),
    el("button", { type: "button", onclick: hideProblems, text: t("page.close") }));
  box.hidden = false;
}

function hideProblems() { document.getElementById("problems").hidden = true; }

// ---------------------------------------------------------------- the case: paths as `pmm-rules whatif --set`

const ID_LISTS = ["members", "needs", "debts"];

function setPath(data, path, value) {
  const out = structuredClone(data);
  const parts = path.split(".");
  let node = out;
  let i = 0;
  while (i < parts.length - 1) {
    const key = parts[i];
    if (ID_LISTS.includes(key) && i + 1 < parts.length - 1) {
      node = list(node[key]).find((item) => String(item.id) === parts[i + 1]);
      if (!node) return out;
      i += 2;
      continue;
    }
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
    i += 1;
  }
  const last = parts[parts.length - 1];
  if (value === null || value === undefined || (Array.isArray(value) && !value.length && last !== "members")) delete node[last];
  else node[last] = value;
  return out;
}

function getPath(data, path) {
  const parts = path.split(".");
  let node = data;
  for (let i = 0; i < parts.length; i++) {
    if (node === null || node === undefined) return undefined;
    if (ID_LISTS.includes(parts[i]) && i + 1 < parts.length - 1) {
      node = list(node[parts[i]]).find((item) => String(item.id) === parts[i + 1]);
      i += 1;
    } else node = node[parts[i]];
  }
  return node;
}

// ---------------------------------------------------------------- advising and what-if

async function advise(caseData, { keepHistory = false } = {}) {
  const advice = await postJson("v1/advice?trace=false", caseData);
  if (!keepHistory) state.history = [];
  state.caseData = caseData;
  state.previous = null;
  state.changes = [];
  state.advice = advice;
  render();
}

// What-ifs run one after the other, each on the case the one before left.
let queue = Promise.resolve();

function whatIf(settings) {
  const next = queue.then(() => runWhatIf(settings));
  queue = next.catch(() => {});
  return next;
}

async function runWhatIf(settings) {
  if (!settings.length) return;
  const unchanged = settings.every((s) => JSON.stringify(getPath(state.caseData, s.path) ?? null) === JSON.stringify(s.value ?? null));
  if (unchanged) return;
  const result = await postJson("v1/whatif", { case: state.caseData, settings });
  state.history.push({ caseData: state.caseData, advice: state.advice });
  let changed = state.caseData;
  for (const s of settings) changed = setPath(changed, s.path, s.value);
  state.caseData = changed;
  state.previous = result.before;
  state.advice = result.after;
  state.changes = list(result.changes);
  state.settings = settings;
  render();
}

function undo() {
  const last = state.history.pop();
  if (!last) return;
  state.caseData = last.caseData;
  state.advice = last.advice;
  state.previous = null;
  state.changes = [];
  render();
}

// Which section of the page a change of the advice belongs to (`changes[].where` of the what-if).
function sectionOf(where) {
  if (where.startsWith("needs.")) return "needs";
  if (where.startsWith("collisions")) return "collisions";
  if (where.startsWith("escalation")) return "route";
  if (where.startsWith("timeouts")) return "timeouts";
  if (where.startsWith("deadlines")) return "deadlines";
  if (where.startsWith("bridging")) return "bridging";
  if (where.startsWith("leeway")) return "leeway";
  if (where.startsWith("missing_facts")) return "missing";
  if (where.startsWith("notices")) return "notices";
  return "other";
}

function changeValue(value, where = "") {
  if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return t("page.nothing");
  if (value === true) return t("yes");
  if (value === false) return t("no");
  if (where === "missing_facts" && Array.isArray(value)) return t("page.questions", { count: value.length });
  if (where === "leeway" && Array.isArray(value)) return value.map((x) => n("basis", String(x).split(" → ")[0])).filter((x, i, all) => all.indexOf(x) === i).join(", ");
  if (Array.isArray(value)) return value.map((x) => changeValue(x)).join(", ");
  const text = String(value);
  const whole = humanId(text);
  if (whole !== text) return whole;
  // "wmo2015 (gemeente / gemeente)": every id in it said as a name.
  return text.replace(/[a-z][a-z0-9_]*/g, (word) => {
    for (const kind of ["law", "actor", "creditor", "step", "instrument", "status"]) {
      const table = state.names[kind] || {};
      if (word in table) return table[word];
    }
    return word;
  });
}

// A what-if setting as a professional says it: "Geboortedatum (jongere) = 2007-01-01".
function settingText(s) {
  const parts = s.path.split(".");
  const field = parts[parts.length - 1];
  const owner = ID_LISTS.includes(parts[0]) && parts.length > 2 ? ` (${parts[1]})` : "";
  const known = { reference_date: "peildatum", pmm_connected: "page.joined_pmm", threats: "page.threats",
    birth_date: "page.birth_date", age: "page.age", pending: "page.pending", indications: "page.indications",
    stage: "page.debts", status: "page.debt_assistance", attempts: "page.attempts", refusals: "page.refusals" };
  const label = field in known ? t(known[field]) : field;
  let value = s.value;
  if (value === null || value === undefined) value = t("page.unknown");
  else if (typeof value === "boolean") value = value ? t("yes") : t("no");
  else if (Array.isArray(value)) value = value.length && typeof value[0] === "object"
    ? value.map((x) => x.step ? `${n("step", x.step)}: ${n("attempt", x.outcome)}` : `${needName(x.need)}: ${actorName(x.by)}${x.points_to ? " → " + actorName(x.points_to) : ""}`).join("; ")
    : value.map((x) => changeValue(x)).join(", ") || t("page.nothing");
  else value = changeValue(value);
  return `${label}${owner} = ${value}`;
}

// Ids in a change summary, said as names where the id is one: "lmm" → "Landelijk Maatwerkloket (LMM)".
function humanId(value) {
  for (const kind of ["step", "law", "instrument", "collision", "status", "actor", "provision", "basis"]) {
    const table = state.names[kind] || {};
    if (value in table) return table[value];
  }
  const collision = list(state.advice && state.advice.collisions).concat(list(state.previous && state.previous.collisions))
    .find((c) => c.id === value);
  if (collision) return `${n("collision", collision.kind)} (${collision.need ? needName(collision.need) : t("page.household")})`;
  return value;
}

function whereText(where) {
  const parts = where.split(".");
  if (parts[0] === "needs") {
    const rest = parts.slice(2).join(".");
    const what = rest.startsWith("regimes.") ? n("law", rest.slice(8)) : t("page.where." + rest.split(".")[0]);
    return `${needName(parts[1])}: ${what}`;
  }
  return t("page.where." + where);
}

// ---------------------------------------------------------------- rendering the advice

function render() {
  renderFacts();
  renderAdvice();
  document.getElementById("undo").disabled = !state.history.length;
  if (!document.getElementById("view-graph").hidden) renderGraph();
}

function renderAdvice() {
  const a = state.advice;
  const box = document.getElementById("advice");
  if (!a) { box.replaceChildren(); return; }
  const changed = new Set(state.changes.map((c) => sectionOf(c.where)));
  const parts = [
    el("header", { class: "advice-head" },
      el("h2", { class: "case-title" }, t("title"), " ", el("span", { class: "case-id", text: a.case_id })),
      el("p", { class: "meta", text: `${t("peildatum")}: ${a.reference_date}` }),
      el("p", { class: "disclaimer", text: tx(a.disclaimer) })),
    renderChanges(),
    renderWarnings(a),
    renderNext(a),
    renderNotices(a),
    renderNeeds(a),
    renderCollisions(a),
    renderRoute(a),
    renderTimeouts(a),
    renderDeadlines(a),
    renderBridging(a),
    renderLeeway(a),
    renderMissing(a),
    renderReceipt(a),
  ].filter(Boolean);
  box.replaceChildren(...parts);
  for (const id of changed) {
    const node = box.querySelector(`[data-section="${id}"]`);
    if (node) {
      node.classList.add("changed");
      node.querySelector("h2").append(el("span", { class: "badge changed-badge", text: t("page.changed") }));
    }
  }
}

function renderChanges() {
  if (!state.previous) return null;
  const settings = list(state.settings).map(settingText);
  const body = state.changes.length
    ? el("ul", { class: "change-list" }, state.changes.map((c) => el("li", {},
      el("strong", { text: whereText(c.where) }), ": ",
      el("del", { text: changeValue(c.before, c.where) }), " → ", el("ins", { text: changeValue(c.after, c.where) }))))
    : el("p", { text: t("whatif.no_change") });
  return el("section", { class: "card whatif-result", id: "whatif-result" },
    el("h2", { text: t("whatif.question", { settings: settings.join(", ") }) }), body);
}

function renderWarnings(a) {
  const warnings = list(a.warnings);
  if (!warnings.length) return null;
  return el("section", { class: "card warnings", "data-section": "warnings" },
    el("h2", { text: t("page.warnings") }),
    el("ul", {}, warnings.map((w) => el("li", {}, tx(w.text ?? w)))));
}

function renderNext(a) {
  const esc = a.escalation || {};
  const actions = list(esc.first_actions);
  if (!esc.next_step && !actions.length) return null;
  return el("section", { class: "card next", "data-section": "next" },
    el("h2", { text: t("page.what_now") }),
    esc.next_step ? el("p", { class: "big" }, t("next") + ": ", el("strong", { text: n("step", esc.next_step) })) : null,
    actions.length ? el("ol", { class: "actions" }, actions.map((x) => el("li", {},
      el("strong", { text: [x.actor ? actorName(x.actor) : "", x.law ? `(${n("law", x.law)})` : ""].filter(Boolean).join(" ") }),
      x.actor || x.law ? ": " : "", tx(x.action), x.need ? el("span", { class: "muted", text: ` — ${needName(x.need)}` }) : null,
      citations(x.citations)))) : null);
}

function renderNotices(a) {
  const notices = list(a.notices);
  if (!notices.length) return null;
  return section("notices", t("page.notices"), el("ul", { class: "notices" }, notices.map((x) => el("li", {},
    el("strong", { text: humanId(String(x.notice ?? x.id ?? "")) }),
    x.need ? el("span", { class: "muted", text: ` — ${needName(x.need)}` }) : null,
    x.debt ? el("span", { class: "muted", text: ` — ${t("page.debt")} ${x.debt}` }) : null,
    list(x.creditors).length ? el("span", { class: "muted", text: ` (${list(x.creditors).map(actorName).join(", ")})` }) : null,
    el("p", { text: tx(x.explanation) }), citations(x.citations)))));
}

function statusClass(status) { return "status status-" + String(status).replace(/[^a-z_]/g, ""); }

function renderNeeds(a) {
  const needs = list(a.needs);
  if (!needs.length) return section("needs", t("needs"), el("p", { text: t("none_needs") }));
  return section("needs", t("needs"), el("div", { class: "needs" }, needs.map((need) => {
    const r = need.responsible;
    const ctx = need.context ? ` · ${n("context", need.context)}` : "";
    return el("article", { class: "need", id: "need-" + need.need },
      el("h3", {}, n("provision", need.provision), el("span", { class: "muted", text: ` — ${need.member}${ctx}` })),
      el("ul", { class: "regimes" }, list(need.regimes).map((reg) => el("li", {},
        el("span", { class: "law", text: n("law", reg.law) }), " ",
        el("span", { class: statusClass(reg.status), text: n("status", reg.status) }),
        list(reg.open).length ? el("ul", { class: "open" }, list(reg.open).map((o) => el("li", { text: `${t("page.open")}: ${tx(o)}` }))) : null))),
      r ? el("p", { class: "responsible" },
        el("strong", { text: t("responsible") + ": " }), n("law", r.law),
        r.executor ? ` — ${t("executes")} ${actorName(r.executor)}` : "",
        r.financier ? `, ${t("pays")} ${actorName(r.financier)}` : "",
        r.status ? el("span", { class: statusClass(r.status) + " badge", text: n("responsible_status", r.status) }) : null,
        r.pays_out !== undefined && r.pays_out !== null ? el("span", { class: "muted", text: ` · ${t("page.pays_out")}: ${typeof r.pays_out === "boolean" ? (r.pays_out ? t("yes") : t("no")) : tx(r.pays_out) ? tx(r.pays_out) : actorName(r.pays_out)}` }) : null)
        : el("p", { class: "responsible none", text: t("no_responsible") }),
      list(need.collisions).length ? el("p", { class: "muted" }, t("collisions") + ": ",
        list(need.collisions).map((id, i) => [i ? ", " : "", el("a", { href: "#collision-" + cssId(id) }, humanId(id))])) : null);
  })));
}

function cssId(id) { return String(id).replace(/[^A-Za-z0-9_-]/g, "_"); }

// One paragraph per collision: the same collision (kind, rule and explanation) on several needs is said once,
// with the needs it concerns.
function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return [...groups.values()];
}

function renderCollisions(a) {
  const groups = groupBy(list(a.collisions), (c) => JSON.stringify([c.kind, c.rule, tx(c.explanation)]));
  return section("collisions", t("collisions"), groups.length ? groups.map((group) => {
    const c = group[0];
    const laws = [...new Set(group.flatMap((x) => list(x.laws)))];
    const where = group.map((x) => (x.need ? needName(x.need) : t("page.household")));
    return el("article", { class: "collision" }, group.map((x) => el("span", { id: "collision-" + cssId(x.id) })),
      el("h3", { text: n("collision", c.kind) }),
      el("p", { class: "muted" }, where.join("; "), laws.length ? " · " + laws.map((l) => n("law", l)).join(", ") : ""),
      el("p", { text: tx(c.explanation) }), citations(c.citations));
  }) : el("p", { text: t("none") }));
}

function renderRoute(a) {
  const esc = a.escalation || {};
  const steps = list(esc.route);
  return section("route", t("escalation"),
    el("ol", { class: "stepper" }, steps.map((s) => {
      const classes = ["step", "step-" + s.status];
      if (s.step === esc.current_step) classes.push("current");
      if (s.step === esc.next_step) classes.push("next");
      return el("li", { class: classes.join(" "), "aria-current": s.step === esc.next_step ? "step" : null },
        el("span", { class: "step-name", text: n("step", s.step) }),
        el("span", { class: "step-status", text: n("step_status", s.status) }),
        s.step === esc.current_step ? el("span", { class: "badge", text: t("current") }) : null,
        s.step === esc.next_step ? el("span", { class: "badge next-badge", text: t("next") }) : null);
    })),
    list(esc.reasons).length ? el("ul", { class: "reasons" }, list(esc.reasons).map((r) => el("li", { text: tx(r) }))) : null,
    steps.filter((s) => s.step === esc.next_step).map((s) => el("div", { class: "step-detail" },
      s.acts ? el("p", {}, el("strong", { text: t("page.who_acts") + ": " }), s.acts) : null,
      s.prepare ? el("p", {}, el("strong", { text: t("page.prepare") + ": " }), s.prepare) : null,
      list(s.figures).length ? el("ul", { class: "muted" }, list(s.figures).map((f) => el("li", { text: f }))) : null,
      citations(s.citations))));
}

// Time-outs per creditor, with their terms; what each instrument asks is said once, below the table.
function renderTimeouts(a) {
  const timeouts = list(a.timeouts);
  if (!timeouts.length) return section("timeouts", t("timeouts"), el("p", { text: t("none") }));
  const debts = list(state.caseData && state.caseData.debts);
  const creditors = [...new Set([...debts.map((d) => d.creditor), ...timeouts.flatMap((x) => list(x.creditors))])];
  const rows = [];
  for (const creditor of creditors) {
    const apply = timeouts.filter((x) => x.all_creditors || list(x.creditors).includes(creditor));
    const debt = debts.filter((d) => d.creditor === creditor);
    apply.forEach((x, i) => rows.push(el("tr", {},
      i === 0 ? el("th", { scope: "row", rowspan: apply.length },
        actorName(creditor), debt.length ? el("div", { class: "muted", text: debt.map((d) => d.stage ? n("debt_stage", d.stage) : d.id).join(", ") }) : null) : null,
      el("td", {}, el("strong", { text: n("instrument", x.instrument) })),
      el("td", { text: termText(x) }),
      el("td", { text: actorName(x.via) }))));
    if (!apply.length) rows.push(el("tr", {}, el("th", { scope: "row" }, actorName(creditor)), el("td", { colspan: 3, class: "muted", text: t("page.no_timeout") })));
  }
  return section("timeouts", t("timeouts"), el("table", { class: "timeouts" },
    el("thead", {}, el("tr", {}, ["page.creditor", "page.instrument", "page.term", "page.ask"].map((k) => el("th", { scope: "col", text: t(k) })))),
    el("tbody", {}, rows)),
    timeouts.map((x) => el("div", { class: "instrument" },
      el("h3", { text: `${n("instrument", x.instrument)} — ${t("page.conditions").toLowerCase()}` }),
      list(x.conditions).length ? el("ul", {}, list(x.conditions).map((c) => el("li", { text: tx(c) }))) : null,
      citations(x.citations))));
}

function termText(x) {
  if (!x.max_months) return "—";
  let text = `${t("page.max")} ${x.max_months} ${t("months")}`;
  if (x.extension_months) text += ` (+ ${x.extension_months} ${t("extension")})`;
  return text;
}

function renderDeadlines(a) {
  const deadlines = list(a.deadlines);
  if (!deadlines.length) return null;
  return section("deadlines", t("deadlines"), el("ul", { class: "deadlines" }, deadlines.map((d) => el("li", {},
    el("strong", { text: n("deadline", d.deadline) }), `: ${d.amount} ${n("unit", d.unit)} — ${actorName(d.actor)}`,
    el("p", { text: tx(d.explanation) }), citations(d.citations)))));
}

function renderCandidates(candidates, likely) {
  return el("ol", { class: "candidates" }, list(candidates).map((c) => el("li", { class: c.financier && c.financier === likely ? "likely" : null },
    el("strong", { text: c.financier ? actorName(c.financier) : "?" }), ` — ${n("law", c.law)}`,
    c.score !== undefined ? el("span", { class: "badge", text: `${t("score")} ${c.score}` }) : null,
    list(c.reasons).length ? el("ul", {}, list(c.reasons).map((r) => el("li", { text: tx(r) }))) : null,
    list(c.weights).length ? el("table", { class: "weights" }, el("tbody", {}, list(c.weights).map((w) => el("tr", {},
      el("td", { text: tx(w.name) }), el("td", { class: "num", text: String(w.value) }), el("td", { text: tx(w.reason) }))))) : null)));
}

function renderBridging(a) {
  const b = a.bridging;
  if (!b) return null;
  if (!b.applicable) return section("bridging", t("bridging"), el("p", { text: t("bridging_no") }));
  const perNeed = list(b.per_need);
  return section("bridging", t("bridging"),
    el("p", { class: "big" }, t("bridging_yes") + ": ", list(b.needs).map(needName).join(", ") + "."),
    el("p", {}, t("likely") + ": ", el("strong", { text: b.likely_financier ? actorName(b.likely_financier) : t("unknown_financier") })),
    perNeed.length ? perNeed.map((p) => el("div", { class: "per-need" },
      el("h3", { text: needName(p.need) }),
      el("p", {}, t("likely") + ": ", el("strong", { text: p.likely_financier ? actorName(p.likely_financier) : t("unknown_financier") })),
      renderCandidates(p.candidates, p.likely_financier)))
      : [el("h3", { text: t("candidates") }), renderCandidates(b.candidates, b.likely_financier)],
    citations(b.citations));
}

function targetText(target) {
  if (!target) return "";
  if (target === "huishouden") return n("target", "huishouden");
  if (target.startsWith("schuld:")) {
    const id = target.slice(7);
    const debt = list(state.caseData && state.caseData.debts).find((d) => d.id === id);
    return `${t("page.debt")} ${debt ? actorName(debt.creditor) : id}`;
  }
  const collision = list(state.advice.collisions).find((c) => c.id === target);
  if (collision) return humanId(target);
  if (list(state.advice.needs).some((x) => x.need === target)) return needName(target);
  return humanId(target);
}

// The Awb leeway per collision: each article once, with what it allows and its limits, at every collision (or
// debt, or the household) it concerns; the link goes to the article as in force on the reference date.
function renderLeeway(a) {
  const leeway = list(a.leeway);
  if (!leeway.length) return section("leeway", t("leeway"), el("p", { text: t("none") }));
  const groups = groupBy(leeway, (lw) => JSON.stringify([lw.basis, tx(lw.explanation), tx(lw.limits)]));
  return section("leeway", t("leeway"), groups.map((group) => {
    const lw = group[0];
    const targets = [...new Set(group.map((x) => targetText(x.target)))];
    return el("article", { class: "leeway" },
      el("h3", { text: n("basis", lw.basis) }),
      el("p", { class: "muted" }, `${t("page.at")}: ${targets.join("; ")}`),
      el("p", {}, el("strong", { text: t("page.allows") + ": " }), tx(lw.explanation)),
      lw.limits ? el("p", {}, el("strong", { text: t("limits") + ": " }), tx(lw.limits)) : null,
      list(lw.citations).length ? el("p", { class: "cites" }, t("page.in_force", { date: a.reference_date }) + ": ",
        list(lw.citations).map((c, i) => [i ? "; " : "", c.url ? el("a", { href: c.url, rel: "noopener noreferrer", target: "_blank" }, citeText(c)) : citeText(c)])) : null);
  }));
}

// ---------------------------------------------------------------- forms: the facts (what-if) and missing facts

const BOOL_FIELDS = ["pmm_connected", "medical", "urgent", "permanent_toezicht", "zorg_24uur_nabijheid", "blijvend",
  "jeugdhulp_before_18", "in_institution", "vish_registered"];
const SET_FIELDS = { indications: "indication", pending: "pending", conditions: "condition", threats: "threat",
  creditors_refusing: "creditor", involved: "actor" };
const ENUM_FIELDS = { stage: "debt_stage", status: "debt_assistance", context: "context" };

function boolSelect(name, value) {
  return el("select", { name },
    el("option", { value: "", selected: value === undefined || value === null, text: t("page.unknown") }),
    el("option", { value: "true", selected: value === true, text: t("yes") }),
    el("option", { value: "false", selected: value === false, text: t("no") }));
}

function enumSelect(name, kind, value, ids) {
  const options = ids || Object.keys(state.names[kind] || {});
  return el("select", { name },
    el("option", { value: "", selected: !value, text: t("page.unknown") }),
    options.map((id) => el("option", { value: id, selected: value === id, text: kind === "actor" ? actorName(id) : n(kind, id) })));
}

function checkGroup(name, kind, values, ids) {
  const chosen = new Set(list(values));
  const options = ids || Object.keys(state.names[kind] || {});
  return el("fieldset", { class: "checks", "data-name": name }, options.map((id) => el("label", {},
    el("input", { type: "checkbox", value: id, checked: chosen.has(id) }), " ", kind === "actor" || kind === "creditor" ? actorName(id) : n(kind, id))));
}

function creditorIds() { return [...Object.keys(state.names.actor || {}), ...Object.keys(state.names.creditor || {})]; }

// One input for a case path, by the kind of value it holds.
function inputFor(path, value) {
  const field = path.split(".").pop();
  if (path === "reference_date" || field === "birth_date") return el("input", { type: "date", name: path, value: value || "" });
  if (field === "age") return el("input", { type: "number", name: path, min: 0, max: 130, value: value ?? "" });
  if (field === "amount_eur") return el("input", { type: "number", name: path, min: 0, step: "0.01", value: value ?? "" });
  if (BOOL_FIELDS.includes(field)) return boolSelect(path, value);
  if (field in SET_FIELDS) return checkGroup(path, SET_FIELDS[field], value, field === "creditors_refusing" ? creditorIds() : null);
  if (field in ENUM_FIELDS) return enumSelect(path, ENUM_FIELDS[field], value);
  return null;
}

function readInput(node) {
  if (node.tagName === "FIELDSET") return [...node.querySelectorAll("input:checked")].map((x) => x.value);
  const raw = node.value;
  if (raw === "") return null;
  if (node.type === "number") return Number(raw);
  if (raw === "true") return true;
  if (raw === "false") return false;
  return raw;
}

function factRow(labelText, path, input) {
  if (!input) return null;
  const id = "fact-" + cssId(path);
  if (input.tagName !== "FIELDSET") input.id = id;
  input.dataset.path = path;
  return el("div", { class: "fact" }, el(input.tagName === "FIELDSET" ? "span" : "label", { for: input.tagName === "FIELDSET" ? null : id, class: "fact-label", text: labelText }), input);
}

function renderFacts() {
  const c = state.caseData;
  const form = document.getElementById("facts");
  if (!c) { form.replaceChildren(); return; }
  const rows = [
    factRow(t("peildatum"), "reference_date", inputFor("reference_date", c.reference_date)),
    factRow(t("page.joined_pmm"), "municipality.pmm_connected", inputFor("municipality.pmm_connected", getPath(c, "municipality.pmm_connected"))),
    factRow(t("page.threats"), "threats", inputFor("threats", c.threats)),
  ];
  for (const m of list(c.members)) {
    const base = `members.${m.id}`;
    rows.push(el("h3", { class: "fact-head", text: `${t("page.member")} ${m.id}` }));
    if (m.birth_date !== undefined || m.age === undefined) rows.push(factRow(t("page.birth_date"), base + ".birth_date", inputFor(base + ".birth_date", m.birth_date)));
    if (m.age !== undefined || m.birth_date === undefined) rows.push(factRow(t("page.age"), base + ".age", inputFor(base + ".age", m.age)));
    rows.push(factRow(t("page.pending"), base + ".pending", inputFor(base + ".pending", m.pending)));
    rows.push(factRow(t("page.indications"), base + ".indications", inputFor(base + ".indications", m.indications)));
  }
  const debts = list(c.debts);
  if (debts.length) {
    rows.push(el("h3", { class: "fact-head", text: t("page.debts") }));
    for (const d of debts) rows.push(factRow(`${actorName(d.creditor)} (${d.id})`, `debts.${d.id}.stage`, inputFor(`debts.${d.id}.stage`, d.stage)));
    rows.push(factRow(t("page.debt_assistance"), "debt_assistance.status", inputFor("debt_assistance.status", getPath(c, "debt_assistance.status"))));
  }
  rows.push(el("h3", { class: "fact-head", text: t("page.attempts") }));
  const attempts = list(c.attempts);
  for (const step of Object.keys(state.names.step || {})) {
    const last = [...attempts].reverse().find((x) => x.step === step);
    const select = enumSelect("attempt." + step, "attempt", last ? last.outcome : "");
    select.dataset.attempt = step;
    rows.push(el("div", { class: "fact" }, el("label", { class: "fact-label", text: n("step", step) }), select));
  }
  if (list(c.needs).length) {
    rows.push(el("h3", { class: "fact-head", text: t("page.refusals") }));
    list(c.refusals).forEach((r, i) => rows.push(el("div", { class: "fact refusal" },
      el("span", { text: `${needName(r.need)}: ${actorName(r.by)}${r.points_to ? " → " + actorName(r.points_to) : ""}` }),
      el("button", { type: "button", class: "small", "data-remove-refusal": i, text: t("page.remove") }))));
    rows.push(el("div", { class: "fact refusal-new" },
      enumSelect("refusal.need", "need", "", list(c.needs).map((x) => x.id)),
      enumSelect("refusal.by", "actor", ""), enumSelect("refusal.points_to", "actor", ""),
      el("button", { type: "button", class: "small", id: "add-refusal", text: t("page.add_refusal") })));
  }
  form.replaceChildren(...rows.filter(Boolean));
  for (const option of form.querySelectorAll('select[name="refusal.need"] option')) if (option.value) option.textContent = needName(option.value);
}

function onFactChange(event) {
  const target = event.target.closest("[data-path], fieldset, select[data-attempt]");
  if (!target) return;
  if (target.dataset.attempt) {
    const step = target.dataset.attempt;
    const kept = list(state.caseData.attempts).filter((x) => x.step !== step);
    const value = target.value ? [...kept, { step, outcome: target.value }] : kept;
    whatIf([{ path: "attempts", value: value.length ? value : null }]).catch(renderFacts);
    return;
  }
  const node = target.tagName === "FIELDSET" ? target : target.closest("[data-path]");
  if (!node || !node.dataset.path) return;
  let value = readInput(node);
  if (Array.isArray(value) && !value.length) value = null;
  whatIf([{ path: node.dataset.path, value }]).catch(renderFacts);
}

function onFactClick(event) {
  const remove = event.target.closest("[data-remove-refusal]");
  if (remove) {
    const kept = list(state.caseData.refusals).filter((_, i) => String(i) !== remove.dataset.removeRefusal);
    whatIf([{ path: "refusals", value: kept.length ? kept : null }]);
    return;
  }
  if (event.target.id === "add-refusal") {
    const form = document.getElementById("facts");
    const need = form.querySelector('select[name="refusal.need"]').value;
    const by = form.querySelector('select[name="refusal.by"]').value;
    const points = form.querySelector('select[name="refusal.points_to"]').value;
    if (!need || !by) return;
    const refusal = points ? { need, by, points_to: points } : { need, by };
    whatIf([{ path: "refusals", value: [...list(state.caseData.refusals), refusal] }]);
  }
}

function renderMissing(a) {
  const missing = list(a.missing_facts).slice().sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0));
  if (!missing.length) return section("missing", t("missing"), el("p", { text: t("none") }));
  const rows = missing.map((m) => {
    const input = inputFor(m.path, getPath(state.caseData, m.path));
    if (input) input.dataset.path = m.path;
    return el("li", { class: "missing" },
      el("p", { class: "question", text: tx(m.question) }),
      m.impact ? el("p", { class: "muted", text: tx(m.impact) }) : null,
      input || el("p", { class: "muted", text: t("page.answer_in_whatif") }),
      el("code", { class: "path", text: m.path }));
  });
  return section("missing", t("missing"), el("form", { id: "missing-form", class: "missing-form", onsubmit: (event) => {
    event.preventDefault();
    const settings = [];
    for (const node of event.target.querySelectorAll("[data-path]")) {
      const value = readInput(node);
      if (value !== null && !(Array.isArray(value) && !value.length)) settings.push({ path: node.dataset.path, value });
    }
    whatIf(settings).catch(() => {});
  } }, el("ol", {}, rows), el("button", { type: "submit", text: t("page.fill_in") })));
}

function renderReceipt(a) {
  const r = a.receipt || {};
  return el("p", { class: "receipt muted", text: `${t("receipt")}: ${r.engine_version || ""} (${r.backend || ""}), ${r.rule_count || ""} ${t("page.rules")}, sha256 ${String(r.rules_sha256 || "").slice(0, 12)}…` });
}

// ---------------------------------------------------------------- the graph

let vizInstance = null;

async function renderGraph() {
  const box = document.getElementById("graph");
  if (!state.caseData) return;
  box.setAttribute("aria-busy", "true");
  const dot = await api(`v1/graph?format=dot&scope=case&lang=${state.lang}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(state.caseData) });
  if (!vizInstance) vizInstance = await window.Viz.instance();
  const svg = vizInstance.renderSVGElement(dot);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", t("page.graph_title"));
  box.replaceChildren(svg);
  box.removeAttribute("aria-busy");
  const legend = document.getElementById("graph-legend");
  legend.replaceChildren(...["executes", "finances", "decides_access", "provides", "precedes", "escalates_to", "via"].map((kind) =>
    el("li", { class: "edge-" + kind }, el("span", { class: "swatch" }), n("edge", kind))));
}

// ---------------------------------------------------------------- jurists: rules by law and article

async function renderLaws() {
  const laws = await api(`v1/laws?lang=${state.lang}`);
  const nav = document.getElementById("laws");
  nav.replaceChildren(el("h2", { text: t("page.laws") }), ...laws.map((law) => el("details", { class: "law" },
    el("summary", {}, el("strong", { text: law.name }), el("span", { class: "muted", text: ` (${law.articles.length})` })),
    el("ul", {}, law.articles.map((art) => el("li", {}, el("button", { type: "button", class: "link", "data-law": law.law, "data-article": art.article,
      text: `${t("page.article")} ${art.article} — ${art.rules.length} ${t("page.rules")}` })))))));
}

function passMark(scenarios) {
  const all = [...scenarios.fires_in, ...scenarios.undetermined_in, ...scenarios.not_fired_in];
  const failed = all.filter((s) => !s.passed).length;
  if (!all.length) return el("span", { class: "badge warn", text: t("page.no_scenario") });
  return el("span", { class: "badge " + (failed ? "bad" : "good"), text: failed ? t("page.scenarios_failed", { failed, total: all.length }) : t("page.scenarios_pass", { total: all.length }) });
}

async function showArticle(law, article) {
  const rules = await api(`v1/rules?law=${encodeURIComponent(law)}&article=${encodeURIComponent(article)}`);
  const box = document.getElementById("rules");
  box.replaceChildren(el("h2", { text: `${n("law", law)} ${t("page.article")} ${article}` }),
    el("ul", { class: "rule-list" }, rules.map((r) => el("li", {},
      el("button", { type: "button", class: "link", "data-rule": r.id, text: r.title }), " ", passMark(r.scenarios),
      el("div", { class: "muted" }, el("code", { text: r.id }), ` · ${r.file}:${r.line}`)))));
}

async function showRule(ruleId) {
  const r = await api(`v1/rules/${encodeURIComponent(ruleId)}?lang=${state.lang}`);
  const scenarioList = (title, items) => items.length ? [el("h4", { text: `${title} (${items.length})` }), el("ul", { class: "scenarios" },
    items.map((s) => el("li", { class: s.passed ? "pass" : "fail" }, el("span", { class: "mark", text: s.passed ? "✓" : "✗" }), " ", s.name,
      el("span", { class: "muted", text: ` — ${s.file}:${s.line}` }))))] : [];
  const box = document.getElementById("rules");
  box.replaceChildren(el("article", { class: "rule card" },
    el("h2", { text: r.title }), el("p", {}, el("code", { text: r.id }), " ", passMark(r.scenarios)),
    el("p", { class: "muted", text: `${r.kind} · ${r.subject} · ${r.valid_from} – ${r.valid_to || "…"} · ${r.file}:${r.line}` }),
    el("h3", { text: t("explain.when") }), el("pre", { text: r.when.join("\n") }),
    el("h3", { text: t("explain.then") }), el("pre", { text: `${r.then.kind} ${JSON.stringify(r.then.conclusion)}` }),
    el("h3", { text: t("explain.explanation") }), el("p", { text: tx(r.explanation) }),
    el("h3", { text: t("explain.sources") }), citations(r.citations, { label: false }), r.notes.map((x) => el("p", { class: "muted", text: x })),
    el("h3", { text: t("explain.scenarios") }),
    scenarioList(t("explain.fires_in"), r.scenarios.fires_in),
    scenarioList(t("explain.undetermined_in"), r.scenarios.undetermined_in),
    scenarioList(t("explain.not_fired_in"), r.scenarios.not_fired_in)));
}

async function runScenarios() {
  const text = document.getElementById("scenario-text").value;
  const box = document.getElementById("scenario-result");
  box.replaceChildren();
  const report = await api("v1/scenarios/run?name=scenarios.yaml", { method: "POST", headers: { "Content-Type": "application/yaml" }, body: text });
  box.replaceChildren(el("p", { class: "big", text: t("scenario.summary", { passed: report.passed, failed: report.failed }) }),
    el("ul", { class: "scenarios" }, report.scenarios.map((s) => el("li", { class: s.passed ? "pass" : "fail" },
      el("span", { class: "mark", text: s.passed ? "✓" : "✗" }), " ", s.name,
      s.mismatches.length ? el("pre", { text: s.mismatches.join("\n") }) : null))));
}

// ---------------------------------------------------------------- language, tabs, modes, start

async function loadLabels(lang) {
  const labels = await api(`v1/labels?lang=${lang}`);
  state.lang = lang;
  state.words = labels.words;
  state.names = labels.names;
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-l]")) node.textContent = t(node.dataset.l);
  document.getElementById("title").textContent = t("page.title");
  document.getElementById("lang").textContent = lang === "nl" ? "EN" : "NL";
  document.getElementById("lang").setAttribute("aria-label", lang === "nl" ? "English" : "Nederlands");
  document.getElementById("footer").textContent = t("page.footer");
}

function showTab(name) {
  for (const tab of ["advice", "graph", "rules"]) {
    document.getElementById("view-" + tab).hidden = tab !== name;
    document.getElementById("tab-" + tab).setAttribute("aria-selected", String(tab === name));
  }
  if (name === "graph") renderGraph();
  if (name === "rules" && !document.getElementById("laws").childElementCount) renderLaws();
}

async function pickExample(name) {
  const example = await api(`v1/examples/${encodeURIComponent(name)}`);
  state.exampleName = name;
  state.original = example.case;
  document.getElementById("case-text").value = example.yaml;
  await advise(example.case);
}

async function adviseOwn() {
  const text = document.getElementById("case-text").value;
  const type = text.trim().startsWith("{") ? "application/json" : "application/yaml";
  // The server reads and checks the case (YAML or JSON): every problem with its path, or the case as JSON.
  const caseData = await api("v1/case", { method: "POST", headers: { "Content-Type": type }, body: text });
  state.original = caseData;
  await advise(caseData);
}

async function start() {
  const stored = sessionStorage.getItem("pmm-rules-token");
  if (stored) state.token = stored;
  document.getElementById("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = document.getElementById("token-input").value;
    sessionStorage.setItem("pmm-rules-token", state.token);
    document.getElementById("token-box").hidden = true;
    start();
  });
  try {
    await loadLabels(state.lang);
  } catch (error) {
    return;
  }
  state.examples = await api("v1/examples");
  const select = document.getElementById("example");
  select.replaceChildren(...state.examples.map((x) => el("option", { value: x.name, title: x.description, text: x.name.replace(/_/g, " ") })));
  const wanted = new URLSearchParams(location.search).get("example") || "stemtolk";
  select.value = state.examples.some((x) => x.name === wanted) ? wanted : state.examples[0].name;
  await pickExample(select.value);
}

function wire() {
  document.getElementById("example").addEventListener("change", (event) => pickExample(event.target.value));
  document.getElementById("advise-own").addEventListener("click", () => adviseOwn().catch(() => {}));
  document.getElementById("case-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) document.getElementById("case-text").value = await file.text();
  });
  document.getElementById("facts").addEventListener("change", (event) => { onFactChange(event); });
  document.getElementById("facts").addEventListener("click", onFactClick);
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("reset").addEventListener("click", () => state.original && advise(state.original));
  document.getElementById("lang").addEventListener("click", async () => {
    await loadLabels(state.lang === "nl" ? "en" : "nl");
    render();
    if (!document.getElementById("view-rules").hidden) renderLaws();
  });
  document.getElementById("present").addEventListener("click", (event) => {
    const on = document.documentElement.classList.toggle("present");
    event.target.setAttribute("aria-pressed", String(on));
  });
  document.getElementById("print").addEventListener("click", () => window.print());
  for (const tab of ["advice", "graph", "rules"]) document.getElementById("tab-" + tab).addEventListener("click", () => showTab(tab));
  document.getElementById("laws").addEventListener("click", (event) => {
    const button = event.target.closest("[data-article]");
    if (button) showArticle(button.dataset.law, button.dataset.article);
  });
  document.getElementById("rules").addEventListener("click", (event) => {
    const button = event.target.closest("[data-rule]");
    if (button) showRule(button.dataset.rule);
  });
  document.getElementById("run-scenarios").addEventListener("click", () => runScenarios().catch(() => {}));
  document.getElementById("scenario-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) document.getElementById("scenario-text").value = await file.text();
  });
  window.addEventListener("unhandledrejection", (event) => { event.preventDefault(); });
}

document.addEventListener("DOMContentLoaded", () => { wire(); start(); });
