// The page's behaviour: stock queries into the editor, queries to /query, results into a table,
// and the stance picture from /graph.svg. Values are put in with textContent, never as HTML.
"use strict";

// The server writes its prefixes into the page, so that IRIs are spelled in one place; the
// longest namespace wins (`actor:` before `wartaid:`).
const PREFIXES = Object.entries(JSON.parse(document.getElementById("prefixes").textContent))
  .map(([prefix, namespace]) => [prefix + ":", namespace])
  .sort((a, b) => b[1].length - a[1].length);
const ACTOR_BASE = PREFIXES.find(([prefix]) => prefix === "actor:")[1];
const ARTICLE_BASE = PREFIXES.find(([prefix]) => prefix === "article:")[1];

const $ = (id) => document.getElementById(id);

function setStatus(text) { $("status").textContent = text; }

function showError(text) {
  const box = $("error");
  box.textContent = text;
  box.hidden = !text;
}

function compact(iri) {
  for (const [prefix, base] of PREFIXES) {
    if (iri.startsWith(base)) return prefix + iri.slice(base.length);
  }
  return iri;
}

// A result cell: actors and articles link to their pages, web addresses to themselves; any other
// IRI (javascript:, data:, urn:) is shown as text, never as a link.
function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    let href = null;
    if (term.value.startsWith(ACTOR_BASE)) href = "/actor/" + term.value.slice(ACTOR_BASE.length);
    else if (term.value.startsWith(ARTICLE_BASE)) href = "/article/" + term.value.slice(ARTICLE_BASE.length);
    else if (/^https?:/i.test(term.value)) href = term.value;
    if (href === null) {
      td.textContent = compact(term.value);
      return td;
    }
    const a = document.createElement("a");
    a.href = href;
    a.textContent = compact(term.value);
    td.appendChild(a);
  } else {
    td.textContent = term.value;
  }
  return td;
}

function renderTable(json) {
  const table = document.createElement("table");
  table.id = "result-table";
  const head = table.createTHead().insertRow();
  for (const name of json.head.vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of json.results.bindings) {
    const row = body.insertRow();
    for (const name of json.head.vars) row.appendChild(cell(binding[name]));
  }
  return table;
}

async function drawGraph(params) {
  const target = $("graph");
  const relation = $("relation").value;
  if (relation) params.append("relation", relation);
  const response = await fetch("/graph.svg?" + params.toString());
  const text = await response.text();
  target.replaceChildren();
  if (!response.ok) {
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = text;
    target.appendChild(p);
    return;
  }
  const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  svg.querySelectorAll("script").forEach((s) => s.remove());
  target.appendChild(document.importNode(svg, true));
  target.dataset.renderer = response.headers.get("x-warta-renderer") || "";
  target.dataset.actors = response.headers.get("x-warta-actors") || "0";
}

// The filter form as /graph.svg parameters (the relation is added by drawGraph).
function filterParams() {
  const params = new URLSearchParams();
  for (const name of ["actor", "article", "from", "to", "top"]) {
    const value = $(name).value.trim();
    if (value) params.append(name, value);
  }
  return params;
}

// Actors whose name contains what is typed, the most active first: offered in the field, and
// listed with links to their pages.
let lastSearch = "";
async function suggestActors() {
  const text = $("actor").value.trim();
  if (text === lastSearch) return;
  lastSearch = text;
  const list = $("actor-suggestions");
  const links = $("actor-results");
  if (text.length < 2) {
    list.replaceChildren();
    links.replaceChildren();
    return;
  }
  const response = await fetch("/actors?" + new URLSearchParams({ q: text }).toString());
  if (!response.ok || text !== lastSearch) return;
  const actors = await response.json();
  list.replaceChildren();
  links.replaceChildren();
  for (const actor of actors) {
    const option = document.createElement("option");
    option.value = actor.label;
    list.appendChild(option);
    const a = document.createElement("a");
    a.href = "/actor/" + encodeURIComponent(actor.key);
    a.className = "actor-result";
    a.textContent = `${actor.label} (${actor.stances})`;
    if (links.firstChild) links.appendChild(document.createTextNode(" · "));
    links.appendChild(a);
  }
}

async function runQuery() {
  const query = $("query").value;
  showError("");
  setStatus("running…");
  const started = performance.now();
  const response = await fetch("/query", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/sparql-results+json, text/turtle;q=0.9",
    },
    body: new URLSearchParams({ query }),
  });
  const text = await response.text();
  const results = $("results");
  results.replaceChildren();
  if (!response.ok) {
    setStatus("");
    showError(text);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const type = response.headers.get("content-type") || "";
  if (type.startsWith("application/sparql-results+json")) {
    const json = JSON.parse(text);
    if ("boolean" in json) {
      results.textContent = String(json.boolean);
      setStatus(`answered in ${seconds} s`);
    } else {
      results.appendChild(renderTable(json));
      const cut = response.headers.get("x-warta-truncated");
      const rows = json.results.bindings.length;
      setStatus(`${rows} row${rows === 1 ? "" : "s"} in ${seconds} s${cut ? ` (cut at ${cut})` : ""}`);
    }
  } else {
    const pre = document.createElement("pre");
    pre.textContent = text;
    results.appendChild(pre);
    setStatus(`graph in ${seconds} s`);
  }
  await drawGraph(new URLSearchParams({ query }));
}

async function loadStockQueries() {
  const response = await fetch("/queries");
  const queries = await response.json();
  const select = $("stock");
  for (const q of queries) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.question || q.name;
    option.dataset.query = q.query;
    select.appendChild(option);
  }
  select.addEventListener("change", () => {
    const chosen = select.selectedOptions[0];
    if (chosen && chosen.dataset.query) $("query").value = chosen.dataset.query;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", () => runQuery().catch((e) => showError(String(e))));
  $("filter").addEventListener("submit", (event) => {
    event.preventDefault();
    drawGraph(filterParams()).catch((e) => showError(String(e)));
  });
  $("actor").addEventListener("input", () => suggestActors().catch((e) => showError(String(e))));
  loadStockQueries().catch((e) => showError("cannot load the stock queries: " + e));
  // The most active actors of the whole store, until the reader asks for something else.
  if (!$("graph").firstChild) drawGraph(filterParams()).catch((e) => showError(String(e)));
});
