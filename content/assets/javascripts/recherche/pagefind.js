// jachete: pagefind's search API as the header's search box loads it (bundle-path of
// <pagefind-config>, see overrides/partials/search.html), with one change: the filter lists
// are loaded only once a filter menu is used.
//
// Why: once loaded, every search also counts its results per filter value, and pagefind 1.5
// does it by scanning the result list for every page of every value (at 13,000 records: about
// one second per query on a modest machine, more than the search itself); the lists also weigh
// 125 kB. Most searches never touch a filter: they get their results without either cost.
import { createInstance as createPagefind } from "../../../pagefind/pagefind.js";

export * from "../../../pagefind/pagefind.js";

const loaders = [];
let wanted = false;

export function createInstance(options) {
  const instance = createPagefind(options);
  const loadFilters = instance.filters;
  loaders.push(loadFilters);
  // Until a filter menu is used, the menus get no list (the Component UI asks at load time).
  instance.filters = () => (wanted ? loadFilters() : Promise.resolve({}));
  return instance;
}

async function wantFilters() {
  if (wanted) return;
  wanted = true;
  // The menus show their own "loading" state until the lists come.
  document.querySelectorAll("pagefind-filter-dropdown").forEach((menu) => menu.showLoadingState?.());
  await Promise.all(loaders.map((load) => load()));
  // A new search of the same term brings the lists, counted for its results, to every menu.
  const ui = window.PagefindComponents?.getInstanceManager?.().getInstance?.("default");
  ui?.triggerSearch?.(ui.searchTerm || "");
}

for (const type of ["pointerdown", "focusin"]) {
  document.addEventListener(type, (event) => {
    if (event.target instanceof Element && event.target.closest(".jachete-search__filters")) wantFilters();
  }, true);
}
