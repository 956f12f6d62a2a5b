// Archive search page: Pagefind's JS API with facets, sort and shareable URLs.
// The index is only downloaded once there is a query: browsing by facet alone would fetch
// every filter chunk, which is what the static timeline and relation pages are for.
const PAGE_SIZE = 20;
const MAX_FACET_VALUES = 20;
const FILTER_KEYS = ["paire", "pays", "annee", "personne"];

const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const sortSelect = document.getElementById("tri");
const statusLine = document.getElementById("search-status");
const resultList = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");

let pagefindModule = null;
let currentResults = [];
let shown = 0;
let generation = 0;

function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key).filter((value) => value !== "");
    if (values.length) filters[key] = values;
  }
  return { query: (params.get("q") || "").trim(), sort: params.get("tri") || "", filters };
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  if (state.sort) params.set("tri", state.sort);
  for (const key of FILTER_KEYS) {
    for (const value of state.filters[key] || []) params.append(key, value);
  }
  const url = `${window.location.pathname}${params.toString() ? "?" + params : ""}`;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function checkedFilters() {
  const filters = {};
  for (const box of root.querySelectorAll("fieldset[data-filter] input:checked")) {
    const key = box.closest("fieldset").dataset.filter;
    (filters[key] = filters[key] || []).push(box.value);
  }
  return filters;
}

async function loadPagefind() {
  if (!pagefindModule) {
    const bundle = root.dataset.bundle;
    pagefindModule = await import(`${bundle}pagefind.js`);
    // Indexed URLs are site-relative; the base path is supplied here, at run time.
    await pagefindModule.options({ bundlePath: bundle, baseUrl: root.dataset.base });
    await pagefindModule.init();
    // Facet counts need the filter chunks (small: one entry per value, not per word).
    await pagefindModule.filters();
  }
  return pagefindModule;
}

function sortOption(sort) {
  if (sort === "date") return { date: "desc" };
  if (sort === "date-asc") return { chrono: "asc" };
  return undefined;
}

function plural(count, singular, pluralForm) {
  return `${count.toLocaleString("fr-FR")} ${count > 1 ? pluralForm : singular}`;
}

// Excerpts carry <mark> highlights; keep those and nothing else, as text.
function excerptNodes(excerpt) {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(node.textContent));
    }
  }
  return fragment;
}

// Years newest first; "Date inconnue" (not a number) last.
function byYearNewestFirst(a, b) {
  const yearA = Number.parseInt(a, 10);
  const yearB = Number.parseInt(b, 10);
  if (Number.isNaN(yearA) || Number.isNaN(yearB)) return Number.isNaN(yearA) - Number.isNaN(yearB);
  return yearB - yearA;
}

function renderFacets(counts, selected) {
  for (const fieldset of root.querySelectorAll("fieldset[data-filter]")) {
    const key = fieldset.dataset.filter;
    const values = { ...(counts[key] || {}) };
    for (const value of selected[key] || []) if (!(value in values)) values[value] = 0;
    const names = Object.keys(values).filter((name) => values[name] > 0 || (selected[key] || []).includes(name));
    names.sort(key === "annee" ? byYearNewestFirst : (a, b) => values[b] - values[a] || a.localeCompare(b, "fr"));
    // The 20 most frequent values (and any ticked one): laying out thousands of people
    // checkboxes cost ~1 s per query at 10k articles (bench/search_bench.py).
    if (key !== "annee") {
      const chosen = selected[key] || [];
      names.splice(MAX_FACET_VALUES, Infinity, ...names.slice(MAX_FACET_VALUES).filter((name) => chosen.includes(name)));
    }
    const list = fieldset.querySelector("ul");
    list.replaceChildren();
    names.forEach((name, index) => {
      const id = `f-${key}-${index}`;
      const item = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = id;
      box.value = name;
      box.checked = (selected[key] || []).includes(name);
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = `${name} `;
      const count = document.createElement("span");
      count.className = "count";
      count.dataset.count = String(values[name]);
      count.textContent = `(${values[name].toLocaleString("fr-FR")})`;
      label.append(count);
      item.append(box, label);
      list.append(item);
    });
    fieldset.hidden = names.length === 0;
  }
}

async function showMore(runId) {
  const slice = currentResults.slice(shown, shown + PAGE_SIZE);
  const records = await Promise.all(slice.map((result) => result.data()));
  if (runId !== generation) return;
  for (const record of records) {
    const item = document.createElement("li");
    item.className = "result";
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = record.url;
    link.textContent = record.meta.title || record.url;
    heading.append(link);
    const facts = document.createElement("p");
    facts.className = "meta";
    facts.textContent = [record.meta.date, record.meta.dateline, record.meta.paire].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.append(excerptNodes(record.excerpt || ""));
    item.append(heading, facts, excerpt);
    resultList.append(item);
  }
  shown += slice.length;
  moreButton.hidden = shown >= currentResults.length;
}

// Values of one facet combine with "any", so a facet's counts must ignore its own
// selection (otherwise ticking one pair would zero all the others): one more search per
// facet in use, without that facet. The index chunks are already loaded, so it is cheap.
async function facetCounts(pagefind, query, filters, counts) {
  const result = { ...counts };
  for (const key of Object.keys(filters)) {
    const others = { ...filters };
    delete others[key];
    const without = await pagefind.search(query, { filters: others });
    result[key] = (without.filters || {})[key] || {};
  }
  return result;
}

async function run() {
  try {
    await runSearch();
  } catch (error) {
    statusLine.textContent = "La recherche n'a pas pu se charger. Réessayez plus tard, ou parcourez la chronologie et les relations.";
    root.dataset.state = "error";
    console.warn("search failed:", error);
  }
}

async function runSearch() {
  const state = readState();
  const thisRun = ++generation;
  root.dataset.state = "searching";
  input.value = state.query;
  sortSelect.value = state.sort;
  resultList.replaceChildren();
  moreButton.hidden = true;
  if (!state.query) {
    renderFacets({}, state.filters);
    statusLine.textContent = "Saisissez un ou plusieurs mots pour chercher dans l'archive.";
    root.dataset.state = "idle";
    return;
  }
  statusLine.textContent = "Recherche…";
  const pagefind = await loadPagefind();
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) filters[key] = { any: values };
  const search = await pagefind.search(state.query, { filters, sort: sortOption(state.sort) });
  const counts = await facetCounts(pagefind, state.query, filters, search.filters || {});
  if (thisRun !== generation) return;
  currentResults = search.results;
  shown = 0;
  renderFacets(counts, state.filters);
  const count = currentResults.length;
  statusLine.textContent = count
    ? `${plural(count, "résultat", "résultats")} pour « ${state.query} »`
    : `Aucun résultat pour «\u00a0${state.query}\u00a0»`;
  await showMore(thisRun);
  if (thisRun === generation) root.dataset.state = "done";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  writeState({ query: input.value.trim(), sort: sortSelect.value, filters: checkedFilters() }, true);
  run();
});
sortSelect.addEventListener("change", () => form.requestSubmit());
root.addEventListener("change", (event) => {
  if (event.target.matches("fieldset[data-filter] input")) form.requestSubmit();
});
moreButton.addEventListener("click", () => showMore(generation));
window.addEventListener("popstate", run);
run();
