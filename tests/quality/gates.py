"""Browser gates: functions that take a Playwright page (already opened) and return what is
wrong with it. The same functions run on the built site and on small broken samples
(test_gates_selftest.py), so that each gate is shown to fail when it should."""

from __future__ import annotations

from dataclasses import dataclass, field

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

# Installed in every document before its own scripts: records Content-Security-Policy
# violations (a meta CSP reports them as DOM events) for the page watcher to read.
WATCH_SCRIPT = """
window.__jacheteCsp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__jacheteCsp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " @" + e.lineNumber);
}, true);
"""


def axe_violations(page) -> list[str]:
    """axe-core violations of the page (WCAG 2.0/2.1/2.2 A and AA), one line per failing node."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=AXE_OPTIONS).response
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:160]}")
    return lines


@dataclass
class Watch:
    """What a page did that no page of the site may do: dialogs, script errors, CSP violations,
    requests to other hosts."""

    origin: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def problems(self, allow_missing: tuple[str, ...] = ()) -> list[str]:
        missing = [m for m in self.missing if not m.endswith(allow_missing)] if allow_missing else self.missing
        return (
            [f"dialogue : {d}" for d in self.dialogs]
            + [f"erreur : {e}" for e in self.errors]
            + [f"CSP : {c}" for c in self.csp]
            + [f"requête externe : {u}" for u in self.foreign]
            + [f"ressource absente : {u}" for u in missing]
        )


def watch(context, origin: str) -> Watch:
    """Attach a watcher to every page of a browser context (call before opening pages)."""
    w = Watch(origin)
    context.add_init_script(WATCH_SCRIPT)

    def on_page(page):
        def on_dialog(dialog):
            w.dialogs.append(f"{dialog.type} « {dialog.message} » sur {page.url}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: w.errors.append(f"{exc} sur {page.url}"))
        page.on(
            "console",
            lambda msg: msg.type == "error"
            and not msg.text.startswith("Failed to load resource")
            and w.errors.append(f"{msg.text} sur {page.url}"),
        )
        page.on("request", lambda req: _foreign(w, req.url))
        page.on("response", lambda resp: resp.status >= 400 and w.missing.append(resp.url))

    context.on("page", on_page)
    return w


def _foreign(w: Watch, url: str) -> None:
    if not url.startswith((w.origin, "data:", "blob:", "about:")):
        w.foreign.append(url)


# Live-DOM checks: after the page's own scripts ran, nothing carries an inline handler and no
# link or frame points to a script or data URL.
_DOM_PROBLEMS = """
() => {
  const out = [];
  const csp = window.__jacheteCsp || [];
  for (const c of csp) out.push("CSP : " + c);
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith("on")) out.push("gestionnaire en ligne " + el.tagName + "[" + a.name + "]");
    }
    for (const name of ["href", "src", "action", "formaction", "data"]) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      let proto;
      try { proto = new URL(v, document.baseURI).protocol; } catch (e) { continue; }
      if (proto === "javascript:" || proto === "vbscript:" || (proto === "data:" && el.tagName !== "IMG"))
        out.push("URL " + proto + " dans " + el.tagName + "[" + name + "]");
    }
  }
  for (const el of document.querySelectorAll("iframe, object, embed, base"))
    out.push("élément interdit " + el.tagName);
  for (const form of document.querySelectorAll("form[action]"))
    if (new URL(form.getAttribute("action"), document.baseURI).origin !== location.origin)
      out.push("formulaire vers " + form.getAttribute("action"));
  return out;
}
"""


def dom_problems(page) -> list[str]:
    """CSP violations recorded so far, inline handlers, script/data URLs, frames in the live DOM."""
    return page.evaluate(_DOM_PROBLEMS)


def overflow(page, width: int, height: int = 900) -> int:
    """By how many CSS pixels the page is wider than a ``width`` px viewport (0 = fits)."""
    page.set_viewport_size({"width": width, "height": height})
    return page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")


# --- Keyboard ---------------------------------------------------------------------------------

# Computed focus look of an element and of its three nearest ancestors (the ring may be drawn by
# an ancestor: a result card around its link, with :has(:focus-visible)). An outline counts only
# when drawn: a style, a width, a colour that is not transparent.
_RING_JS = """
window.__kbRing = (e) => {
  const s = getComputedStyle(e);
  const drawn = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !s.outlineColor.endsWith(", 0)");
  const outline = drawn ? [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(" ") : "none";
  return { drawn: drawn || (s.boxShadow !== "none" && s.boxShadow !== ""), look: outline + "|" + s.boxShadow };
};
window.__kbLook = (el) => {
  const chain = [el];
  for (let p = el.parentElement; p && chain.length < 4; p = p.parentElement) chain.push(p);
  return chain.map((e) => window.__kbRing(e).look).join("/");
};
true;  // the value of the script (a function would be called by page.evaluate)
"""

# Every control a keyboard user must reach, in tree order (open shadow roots included), each
# tagged with its rank in data-kb: visible, not disabled, not inert, tabindex >= 0. Their look
# is recorded now, while nothing has the focus.
_TAG_TABBABLES = """
() => {
  const sel = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, " +
              "[contenteditable=''], [contenteditable=true], [tabindex]";
  const found = [];
  const radios = new Set();
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!el.matches(sel)) continue;
      if (el.tabIndex < 0 || el.disabled || el.closest("[inert], [hidden]")) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.matches("summary") && el.parentElement.tagName !== "DETAILS") continue;
      if (el.type === "radio" && el.name) {  // one stop per radio group
        if (radios.has(el.form + el.name)) continue;
        radios.add(el.form + el.name);
      }
      found.push(el);
    }
  };
  walk(document);
  const positive = found.filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 80));
  found.forEach((el, i) => el.setAttribute("data-kb", String(i)));
  window.__kbUnfocused = found.map((el) => window.__kbLook(el));
  return { count: found.length, positive };
}
"""

# The focused element (through shadow roots), whether its focus is visible, and what it is.
_FOCUS_STATE = """
() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const kb = el.getAttribute("data-kb");
  const look = window.__kbLook(el);
  let unfocused = kb !== null && window.__kbUnfocused ? window.__kbUnfocused[Number(kb)] : null;
  if (unfocused === null) {  // a control that appeared during the walk: blur it to compare
    el.blur();
    unfocused = window.__kbLook(el);
    el.focus({ preventScroll: true });
  }
  const r = el.getBoundingClientRect();
  return {
    kb,
    what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " +
          ((el.getAttribute("aria-label") || el.textContent || el.getAttribute("href") || "").trim().slice(0, 40)),
    ring: window.__kbRing(el).drawn, changed: look !== unfocused,
    onscreen: r.width > 0 && r.height > 0,
    skip: el.classList.contains("md-skip"),
  };
}
"""


@dataclass
class KeyboardWalk:
    expected: int  # controls tagged before the walk
    stops: list[dict]  # focus states, in Tab order (one per control)
    positive_tabindex: list[str]

    def problems(self, skip_link: bool = True) -> list[str]:
        out = [f"tabindex positif : {p}" for p in self.positive_tabindex]
        if not self.stops:
            return out + ["la touche Tab n'atteint aucun contrôle"]
        if skip_link and not self.stops[0]["skip"]:
            out.append(f"le premier arrêt n'est pas le lien d'évitement : {self.stops[0]['what']}")
        for stop in self.stops:
            if not (stop["ring"] or stop["changed"]):
                out.append(f"focus invisible sur {stop['what']}")
            if not stop["onscreen"]:
                out.append(f"focus sur un élément sans taille : {stop['what']}")
        ranks = [int(s["kb"]) for s in self.stops if s["kb"] is not None]
        if ranks != sorted(ranks):
            out.append(f"ordre de tabulation différent de l'ordre du document : {ranks}")
        missed = sorted(set(range(self.expected)) - set(ranks))
        if missed:
            out.append(f"{len(missed)} contrôle(s) jamais atteints au clavier : rangs {missed[:20]}")
        return out


def freeze_transitions(page) -> None:
    """Focus styles that fade in would be measured half-way: make them immediate."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.evaluate(_RING_JS)


def focus_state(page) -> dict | None:
    """The focused element: what it is, its rank, whether its focus is visible."""
    return page.evaluate(_FOCUS_STATE)


def keyboard_walk(page, limit: int = 600) -> KeyboardWalk:
    """Press Tab from the top of the page until focus leaves the page (or enough presses),
    recording every control reached; the controls were tagged in document order beforehand.
    Several presses inside one control (the day, month and year of a date field) are one stop."""
    freeze_transitions(page)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    tagged = page.evaluate(_TAG_TABBABLES)
    stops: list[dict] = []
    for _ in range(min(limit, 2 * tagged["count"] + 20)):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None or (len(stops) > 1 and state["kb"] is not None and state["kb"] == stops[0]["kb"]):
            break
        if stops and state["kb"] is not None and state["kb"] == stops[-1]["kb"]:
            continue
        stops.append(state)
    return KeyboardWalk(tagged["count"], stops, tagged["positive"])
