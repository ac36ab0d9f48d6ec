// Material for MkDocs' page helpers, served as a file so that the Content-Security-Policy
// needs no inline script. Same code as Material 9.8's partials/javascripts/base.html; the
// scope (the site's base URL) comes from the script element's data-scope attribute.
/* eslint-disable no-var */
var __md_scope = new URL(document.currentScript.dataset.scope || ".", location);
var __md_hash = function (e) {
  return [...e].reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
};
var __md_get = function (e, store, scope) {
  store = store || localStorage; scope = scope || __md_scope;
  return JSON.parse(store.getItem(scope.pathname + "." + e));
};
var __md_set = function (e, value, store, scope) {
  store = store || localStorage; scope = scope || __md_scope;
  try { store.setItem(scope.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* storage full or off */ }
};
