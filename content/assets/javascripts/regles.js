/* Rule finder of /regles/trouver/: answers "which procedure may I use?" in the page.
 *
 * It reads the rules exported by the build (/regles/regles.json) and applies the same
 * algorithm as the Python engine (scripts/jachete/rules/engine.py): the decisions live in
 * the data, this file only interprets them. The form is a plain GET form, so its state is
 * in the URL: opening a shared URL shows the answer directly. No inline script or handler
 * (the site's Content-Security-Policy forbids them); the DOM is built with textContent.
 */
(function () {
  "use strict";

  var APPLICABLE = "seuil-applicable";
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];
  var STATUS = {
    confirme: "Confirmé",
    derive: "Déduit des sources, à confirmer",
    non_confirme: "Non confirmé, à confirmer"
  };

  // --- Engine: keep in step with engine.py ---------------------------------------------------

  function findBuyer(data, name) {
    for (var i = 0; i < data.acheteurs.length; i++) {
      var b = data.acheteurs[i];
      if (b.id === name || (b.alias || []).indexOf(name) >= 0) { return b; }
    }
    return null;
  }

  function findPeriod(data, serieId, date) {
    for (var i = 0; i < data.seuils.length; i++) {
      var serie = data.seuils[i];
      if (serie.id !== serieId) { continue; }
      for (var j = 0; j < serie.periodes.length; j++) {
        var p = serie.periodes[j];
        if (p.debut <= date && (p.fin === undefined || date <= p.fin)) {
          return Object.assign({ serie: serieId }, p);
        }
      }
    }
    return null;
  }

  function matches(rule, regime, fournisseur, contrat) {
    return rule.regime === regime && rule.fournisseurs.indexOf(fournisseur) >= 0 &&
      rule.contrats.indexOf(contrat) >= 0;
  }

  function ids(list) { return list.map(function (x) { return x.id; }); }

  function isIsoDate(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) { return false; }
    var d = new Date(s + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }

  function resolve(data, q) {
    var buyer = findBuyer(data, q.acheteur);
    if (!buyer) { return { statut: "invalide", champ: "acheteur" }; }
    if (ids(data.fournisseurs).indexOf(q.fournisseur) < 0) { return { statut: "invalide", champ: "fournisseur" }; }
    if (ids(data.contrats).indexOf(q.contrat) < 0) { return { statut: "invalide", champ: "contrat" }; }
    if (typeof q.montant !== "number" || isNaN(q.montant) || q.montant < 0) {
      return { statut: "invalide", champ: "montant" };
    }
    if (!isIsoDate(q.date)) { return { statut: "invalide", champ: "date" }; }
    var answer = { acheteur: buyer.id, regime: buyer.regime };
    var cov = data.couverture;
    if (q.date < cov.debut || q.date > cov.fin) { return Object.assign(answer, { statut: "hors-couverture" }); }
    answer.seuil_applicable = findPeriod(data, buyer.seuils[q.contrat], q.date);
    answer.remarques = (data.remarques || []).filter(function (r) {
      return matches(r, buyer.regime, q.fournisseur, q.contrat);
    }).map(function (r) { return r.id; });
    for (var i = 0; i < data.regles.length; i++) {
      var rule = data.regles[i];
      if (!matches(rule, buyer.regime, q.fournisseur, q.contrat)) { continue; }
      if ((rule.debut !== undefined && q.date < rule.debut) || (rule.fin !== undefined && q.date > rule.fin)) { continue; }
      var low = null, high = null, missing = null;
      [["a_partir_de", "low"], ["moins_de", "high"]].forEach(function (pair) {
        var name = rule[pair[0]];
        if (name === undefined || missing) { return; }
        var serie = name === APPLICABLE ? buyer.seuils[q.contrat] : name;
        var period = findPeriod(data, serie, q.date);
        if (!period) { missing = serie; return; }
        if (pair[1] === "low") { low = period; } else { high = period; }
      });
      if (missing) { return Object.assign(answer, { statut: "seuil-inconnu", serie: missing }); }
      if (low && q.montant < low.montant) { continue; }
      if (high && q.montant >= high.montant) { continue; }
      return Object.assign(answer, {
        statut: "ok",
        regle: rule.id,
        procedures: rule.procedures.slice(),
        selon_reglement: (rule.selon_reglement || []).slice(),
        bornes: [low, high].filter(function (b) { return b !== null; })
      });
    }
    return Object.assign(answer, { statut: "aucune-regle" });
  }

  // --- French formatting ------------------------------------------------------------------------

  function money(x) {
    var cents = Math.round(x * 100);
    var whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    var rest = cents % 100;
    return whole + (rest ? "," + (rest < 10 ? "0" : "") + rest : "") + "\u00a0$";
  }

  function dateFr(iso) {
    var parts = iso.split("-");
    var day = parseInt(parts[2], 10);
    return (day === 1 ? "1er" : String(day)) + " " + MONTHS[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }

  function parseAmount(text) {
    if (text === null || text === undefined) { return NaN; }
    var s = String(text).replace(/[\s\u00a0\u202f$]/g, "").replace(",", ".");
    if (!/^\d+(\.\d{1,2})?$/.test(s)) { return NaN; }
    return parseFloat(s);
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // --- Rendering (DOM only, never innerHTML) -------------------------------------------------------

  function byId(list, id) {
    for (var i = 0; i < list.length; i++) { if (list[i].id === id) { return list[i]; } }
    return null;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : "";
  }

  function refLinks(data, refs) {
    var span = el("span", { "class": "jachete-references" });
    refs.forEach(function (ref, i) {
      var src = byId(data.sources, ref.source);
      var url = src ? safeUrl(src.url) : "";
      span.appendChild(url ? el("a", { href: url, title: src.titre, rel: "noopener" }, [ref.texte])
        : document.createTextNode(ref.texte));
      if (i < refs.length - 1) { span.appendChild(document.createTextNode("; ")); }
    });
    return span;
  }

  function statusText(item) {
    var text = STATUS[item.statut] || item.statut;
    if (item.statut !== "confirme" && item.a_confirmer_aupres) { text += " auprès " + item.a_confirmer_aupres; }
    return text;
  }

  function statusNode(item) {
    return el("span", { "class": "jachete-statut jachete-statut--" + item.statut }, [statusText(item)]);
  }

  function thresholdNode(data, period) {
    var serie = byId(data.seuils, period.serie);
    return el("p", { "class": "jachete-reponse__seuil" }, [
      "Seuil d'appel d'offres public à cette date : ", el("strong", {}, [money(period.montant)]),
      " (" + serie.libelle + "; " + (period.fin ? "du " + dateFr(period.debut) + " au " + dateFr(period.fin)
        : "depuis le " + dateFr(period.debut)) + "). ",
      statusNode(period), period.note ? ". " + period.note : ""
    ]);
  }

  function renderAnswer(data, q, a, box) {
    box.textContent = "";
    box.setAttribute("data-statut", a.statut);
    box.setAttribute("data-regle", a.regle || "");
    box.setAttribute("data-procedures", (a.procedures || []).join(" "));
    box.setAttribute("data-selon-reglement", (a.selon_reglement || []).join(" "));
    box.appendChild(el("h2", { id: "regles-reponse-titre" }, ["Réponse"]));
    if (a.statut === "invalide") {
      var labels = { acheteur: "l'organisme acheteur", fournisseur: "le fournisseur", contrat: "le type de contrat",
        montant: "le montant (un nombre positif, par exemple 121 200)", date: "la date (AAAA-MM-JJ)" };
      box.appendChild(el("p", {}, ["Vérifiez " + labels[a.champ] + " : la valeur est manquante ou invalide."]));
      return;
    }
    if (a.statut === "hors-couverture") {
      box.appendChild(el("p", {}, ["Aucune règle n'est encodée pour le " + dateFr(q.date) + " : les données couvrent du " +
        dateFr(data.couverture.debut) + " au " + dateFr(data.couverture.fin) + "."]));
      return;
    }
    var facts = el("ul", { "class": "jachete-reponse__resume" });
    [["Acheteur", byId(data.acheteurs, a.acheteur).libelle],
      ["Fournisseur", byId(data.fournisseurs, q.fournisseur).libelle],
      ["Contrat", byId(data.contrats, q.contrat).libelle],
      ["Montant", money(q.montant)],
      ["Date", dateFr(q.date)]].forEach(function (pair) {
      facts.appendChild(el("li", {}, [pair[0] + " : " + pair[1]]));
    });
    box.appendChild(facts);
    if (a.statut === "seuil-inconnu") {
      var s = byId(data.seuils, a.serie);
      box.appendChild(el("p", {}, ["Le seuil « " + s.libelle + " » n'est pas connu pour cette date : " +
        "aucune réponse ne peut être donnée. Consultez les tableaux des seuils ci-dessous."]));
      return;
    }
    if (a.statut !== "ok") {
      box.appendChild(el("p", {}, ["Aucune règle encodée ne vise ce cas."]));
      return;
    }
    var rule = byId(data.regles, a.regle);
    box.appendChild(el("h3", {}, ["Procédures permises"]));
    var list = el("ul", { "class": "jachete-reponse__procedures" });
    a.procedures.forEach(function (pid) {
      var p = byId(data.procedures, pid);
      list.appendChild(el("li", { "data-procedure": pid }, [el("strong", {}, [p.libelle]), " : " + p.conditions]));
    });
    box.appendChild(list);
    if (a.selon_reglement.length) {
      var who = a.regime === "municipal" ? "le règlement de gestion contractuelle de l'organisme le prévoit"
        : "les règles de gestion contractuelle de l'organisme (politique ou directive) le prévoient";
      var extra = el("ul", { "class": "jachete-reponse__selon-reglement" });
      a.selon_reglement.forEach(function (pid) {
        extra.appendChild(el("li", { "data-procedure": pid }, [byId(data.procedures, pid).libelle]));
      });
      box.appendChild(el("p", {}, ["Aussi permis seulement si " + who + " :"]));
      box.appendChild(extra);
    }
    box.appendChild(el("h3", {}, ["Pourquoi"]));
    box.appendChild(el("p", {}, [rule.titre + ". " + rule.explication]));
    (rule.mises_en_garde || []).forEach(function (w) {
      box.appendChild(el("p", { "class": "jachete-mise-en-garde" }, [w]));
    });
    if (a.seuil_applicable) { box.appendChild(thresholdNode(data, a.seuil_applicable)); }
    box.appendChild(el("p", {}, ["Références : ", refLinks(data, rule.references), ". Statut : ", statusNode(rule),
      "; vérifié le " + dateFr(rule.verifie_le) + "."]));
    if (a.remarques.length) {
      box.appendChild(el("h3", {}, ["À savoir"]));
      var notes = el("ul", { "class": "jachete-reponse__remarques" });
      a.remarques.forEach(function (rid) {
        var r = byId(data.remarques, rid);
        notes.appendChild(el("li", { "data-remarque": rid }, [r.texte + " (", refLinks(data, r.references), "; ",
          statusNode(r), "; vérifié le " + dateFr(r.verifie_le) + ")"]));
      });
      box.appendChild(notes);
    }
    box.appendChild(el("p", { "class": "jachete-reponse__lien" }, ["Lien à partager : ",
      el("a", { href: window.location.href }, [window.location.href])]));
  }

  // --- Page wiring --------------------------------------------------------------------------------

  function init() {
    var form = document.getElementById("regles-trouver");
    var box = document.getElementById("regles-reponse");
    if (!form || !box || form.getAttribute("data-pret") === "1") { return; }
    form.setAttribute("data-pret", "1");
    var params = new URLSearchParams(window.location.search);
    ["acheteur", "fournisseur", "contrat", "montant", "date"].forEach(function (name) {
      var value = params.get(name);
      if (value !== null && form.elements[name]) { form.elements[name].value = value; }
    });
    if (!form.elements.date.value) { form.elements.date.value = today(); }
    if (!params.has("acheteur") && !params.has("montant")) { return; }
    var q = {
      acheteur: params.get("acheteur") || "",
      fournisseur: params.get("fournisseur") || "",
      contrat: params.get("contrat") || "",
      montant: parseAmount(params.get("montant")),
      date: params.get("date") || today()
    };
    box.textContent = "Recherche de la réponse…";
    fetch(form.getAttribute("data-regles"), { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (data) { renderAnswer(data, q, resolve(data, q), box); })
      .catch(function () {
        box.setAttribute("data-statut", "erreur");
        box.textContent = "Les règles n'ont pas pu être chargées. Consultez les tableaux ci-dessous.";
      });
  }

  window.jacheteRegles = { resolve: resolve, money: money, dateFr: dateFr, parseAmount: parseAmount };

  // Material's instant navigation swaps pages without reloading scripts: it emits document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
