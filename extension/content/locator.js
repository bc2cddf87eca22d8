// Pure resolution of the catalog's locators (docs/catalog.md, "Locators") against a document.
// No side effects on the page: it only reads. Works in a real browser and in a jsdom window.
"use strict";
(function (OG) {
  const { fold, localizedCandidates, baseLang, nameMatches } = OG.text;

  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "META", "LINK"]);
  const BLOCK_TAGS = new Set(["ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "DD", "DIV", "DL",
    "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6",
    "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TD", "TH", "TR", "UL"]);
  const INTERACTIVE = "a[href], button, summary, label, [role=button], [role=link], [role=menuitem], [role=tab], [role=option], [role=checkbox], [role=radio], [role=switch]";

  // Implicit ARIA roles of the HTML elements the catalog is likely to name.
  const IMPLICIT_ROLES = {
    link: "a[href], area[href]",
    button: "button, input[type=button], input[type=submit], input[type=reset], input[type=image], summary",
    checkbox: "input[type=checkbox]",
    radio: "input[type=radio]",
    textbox: "input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=url], textarea",
    searchbox: "input[type=search]",
    combobox: "select:not([multiple])",
    listbox: "select[multiple]",
    option: "option",
    heading: "h1, h2, h3, h4, h5, h6",
    form: "form",
    navigation: "nav",
    main: "main",
    list: "ul, ol",
    listitem: "li",
    img: "img[alt]:not([alt=''])",
    dialog: "dialog",
  };
  // Roles whose accessible name comes from their content.
  const NAME_FROM_CONTENT = new Set(["link", "button", "heading", "tab", "menuitem", "menuitemcheckbox",
    "menuitemradio", "option", "checkbox", "radio", "switch", "cell", "treeitem", "tooltip", "row",
    "columnheader", "rowheader", "listitem"]);

  function win(el) {
    return el.ownerDocument.defaultView;
  }

  function styleOf(el) {
    try {
      return win(el).getComputedStyle(el);
    } catch {
      return null;
    }
  }

  function hasLayout(el) {
    // jsdom has no layout engine: every rectangle is empty there, so sizes tell nothing.
    return typeof el.checkVisibility === "function";
  }

  // Visible to a sighted user: rendered, not hidden by display/visibility/hidden, not inside a
  // collapsed box that clips it away.
  function isVisible(el) {
    if (!el || el.nodeType !== 1 || !el.isConnected) return false;
    if (hasLayout(el)) {
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return false;
      const r = el.getBoundingClientRect();
      if (r.width <= 0 && r.height <= 0) return false;
      for (let a = el.parentElement; a && a !== el.ownerDocument.body; a = a.parentElement) {
        const cs = styleOf(a);
        if (cs && cs.overflow !== "visible") {
          const ar = a.getBoundingClientRect();
          if (ar.width <= 0 || ar.height <= 0) return false;
        }
      }
      return true;
    }
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (n.hidden) return false;
      const cs = styleOf(n);
      if (!cs) continue;
      if (cs.display === "none") return false;
      if (n === el && (cs.visibility === "hidden" || cs.visibility === "collapse")) return false;
    }
    const details = el.parentElement && el.parentElement.closest("details:not([open])");
    if (details && !el.closest("summary")) return false;
    return true;
  }

  function isHiddenSubtree(el) {
    if (el.hidden || el.getAttribute("aria-hidden") === "true") return true;
    const cs = styleOf(el);
    return !!cs && (cs.display === "none" || cs.visibility === "hidden");
  }

  // Text a sighted user reads in `el`: hidden descendants left out, text split across nested
  // inline elements joined without spaces, block boundaries as spaces. `labels`: also the
  // labels of the images inside (Meta's links end with <svg aria-label="(Link is external)">),
  // as a name computed from content counts them.
  function visibleText(el, { labels = false } = {}) {
    let out = "";
    const walk = (node) => {
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) out += c.data;
        else if (c.nodeType === 1) {
          if (SKIP_TAGS.has(c.tagName) || isHiddenSubtree(c)) continue;
          const label = labels && (c.tagName.toLowerCase() === "svg" || c.getAttribute("role") === "img") ? (c.getAttribute("aria-label") || "").trim() : "";
          if (label) {
            out += " " + label + " ";
            continue;
          }
          if (c.tagName === "IMG") {
            out += c.getAttribute("alt") || "";
            continue;
          }
          const block = BLOCK_TAGS.has(c.tagName);
          if (block) out += " ";
          walk(c);
          if (block) out += " ";
        }
      }
    };
    if (el.nodeType === 1) walk(el);
    return out;
  }

  // The names an element answers to: its accessible name, and for a name from content also the
  // one that counts its images' labels ("object (Link is external)"), which browsers differ on.
  function namesOf(el) {
    const name = accessibleName(el);
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || !NAME_FROM_CONTENT.has(roleOf(el))) return [name];
    const withLabels = visibleText(el, { labels: true }).trim();
    return withLabels && withLabels !== name ? [name, withLabels] : [name];
  }

  function nameFits(el, candidates) {
    return namesOf(el).some((n) => nameMatches(n, candidates));
  }

  function roleOf(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit.toLowerCase();
    for (const [role, sel] of Object.entries(IMPLICIT_ROLES)) if (el.matches(sel)) return role;
    return "";
  }

  function accessibleName(el) {
    const doc = el.ownerDocument;
    const labelledby = (el.getAttribute("aria-labelledby") || "").trim();
    if (labelledby) {
      const parts = labelledby.split(/\s+/).map((id) => doc.getElementById(id)).filter(Boolean).map(visibleText);
      const joined = parts.join(" ").trim();
      if (joined) return joined;
    }
    const label = (el.getAttribute("aria-label") || "").trim();
    if (label) return label;
    const tag = el.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
      const type = (el.getAttribute("type") || "").toLowerCase();
      if (tag === "INPUT" && ["submit", "button", "reset"].includes(type)) {
        return el.value || (type === "submit" ? "Submit" : type === "reset" ? "Reset" : "");
      }
      if (tag === "INPUT" && type === "image") return el.getAttribute("alt") || "";
      const labels = el.labels ? Array.from(el.labels).map(visibleText).join(" ").trim() : "";
      if (labels) return labels;
      return el.getAttribute("placeholder") || el.getAttribute("title") || "";
    }
    if (tag === "IMG") return el.getAttribute("alt") || el.getAttribute("title") || "";
    if (NAME_FROM_CONTENT.has(roleOf(el))) {
      const t = visibleText(el).trim();
      if (t) return t;
    }
    return el.getAttribute("title") || "";
  }

  function absoluteHref(el) {
    const raw = el.getAttribute("href");
    if (raw === null) return null;
    try {
      return new URL(raw, el.ownerDocument.baseURI).href;
    } catch {
      return null;
    }
  }

  // A target must never be a link that leads off Meta's sites, whatever the catalog says: it is
  // judged by where it really leads (through Meta's link shim too).
  function leadsOffAllowlist(el) {
    const link = el.closest("a[href], area[href]");
    if (!link) return false;
    const href = absoluteHref(link);
    if (!href) return false;
    if (/^(javascript|data|vbscript):/i.test(href)) return true;
    if (/^https?:/i.test(href)) return !OG.allowlist.isAllowedUrl(href);
    return false;
  }

  // Where a link element really leads (its shim decoded), or null.
  function destinationOf(el) {
    const href = absoluteHref(el);
    return href ? OG.allowlist.linkDestination(href) : null;
  }

  function acceptable(el) {
    return isVisible(el) && !leadsOffAllowlist(el);
  }

  // Links whose destination (a shim's decoded target) fits one of the patterns.
  function* hrefMatches(locator, doc) {
    const patterns = Array.isArray(locator.patterns) ? locator.patterns : [];
    const res = patterns.map((p) => OG.pageMatch.globToRegex(p));
    if (!res.length) return;
    for (const el of doc.querySelectorAll("a[href], area[href], [role=link][href]")) {
      const dest = destinationOf(el);
      if (!dest || !OG.allowlist.isAllowedUrl(dest)) continue;
      if (res.some((re) => re.test(dest))) yield el;
    }
  }

  function byHref(locator, doc) {
    for (const el of hrefMatches(locator, doc)) if (acceptable(el)) return el;
    return null;
  }

  // A link is judged by where it leads: one that names no address (a div role=link a script
  // sends somewhere) cannot be judged, so it is never a link target.
  function judgeable(el, role) {
    return role !== "link" || !!el.closest("a[href], area[href]") || el.hasAttribute("href");
  }

  function byRole(locator, doc, pageLang) {
    const role = String(locator.role || "").toLowerCase();
    if (!role) return null;
    const names = localizedCandidates(locator.name, pageLang);
    const selector = `[role~="${role.replace(/"/g, "")}"]` + (IMPLICIT_ROLES[role] ? ", " + IMPLICIT_ROLES[role] : "");
    const elements = Array.from(doc.querySelectorAll(selector)).filter((el) => roleOf(el) === role && judgeable(el, role));
    // No name in the locator: any element of that role. Names, but none in the page's language
    // or English: nothing (never a guess).
    if (locator.name === undefined) return elements.find(acceptable) || null;
    for (const name of names) {
      for (const el of elements) {
        if (nameFits(el, [name]) && acceptable(el)) return el;
      }
    }
    return null;
  }

  function roleElements(locator, doc, pageLang) {
    const role = String(locator.role || "").toLowerCase();
    if (!role) return [];
    const names = localizedCandidates(locator.name, pageLang);
    const selector = `[role~="${role.replace(/"/g, "")}"]` + (IMPLICIT_ROLES[role] ? ", " + IMPLICIT_ROLES[role] : "");
    return Array.from(doc.querySelectorAll(selector)).filter((el) => roleOf(el) === role && judgeable(el, role) &&
      (locator.name === undefined || nameFits(el, names)));
  }

  function scopes(doc, within) {
    if (!within) return [doc.body || doc.documentElement];
    try {
      return Array.from(doc.querySelectorAll(within));
    } catch {
      return [];
    }
  }

  // The smallest visible element whose own visible text equals `text`; when that text is all of
  // a clickable ancestor (a link made of nested spans), the clickable ancestor is the target.
  function smallestWithText(scope, text) {
    const candidates = [scope, ...scope.querySelectorAll("*")];
    for (const el of candidates) {
      if (SKIP_TAGS.has(el.tagName)) continue;
      const raw = el.textContent;
      // Cheap filters first: on a page of thousands of elements most are far too long.
      if (raw.length > text.length * 4 + 200) continue;
      if (!fold(raw).includes(text)) continue;
      if (fold(visibleText(el)) !== text) continue;
      const smaller = Array.from(el.children).some((c) => fold(visibleText(c)) === text);
      if (smaller) continue;
      if (!isVisible(el)) continue;
      let target = el;
      const clickable = el.closest(INTERACTIVE);
      if (clickable && clickable !== el && fold(visibleText(clickable)) === text) target = clickable;
      if (!leadsOffAllowlist(target)) return target;
    }
    return null;
  }

  function byText(locator, doc, pageLang) {
    const texts = localizedCandidates(locator.text, pageLang);
    const roots = scopes(doc, locator.within);
    for (const text of texts) {
      for (const root of roots) {
        const el = smallestWithText(root, text);
        if (el) return el;
      }
    }
    return null;
  }

  function byCss(locator, doc) {
    let list;
    try {
      list = doc.querySelectorAll(String(locator.selector || ""));
    } catch {
      return null;
    }
    for (const el of list) if (acceptable(el)) return el;
    return null;
  }

  function resolveOne(locator, { document: doc, pageLang }) {
    if (!locator || typeof locator !== "object") return null;
    switch (locator.by) {
      case "href": return byHref(locator, doc);
      case "role": return byRole(locator, doc, pageLang);
      case "text": return byText(locator, doc, pageLang);
      case "css": return byCss(locator, doc);
      default: return null; // a locator kind this engine does not know is skipped, never misread
    }
  }

  // How many visible, allowed elements one locator finds (for "This isn't what I see"
  // reports: they say which locators found nothing, or too much).
  function count(locator, { document: doc, pageLang }) {
    if (!locator || typeof locator !== "object") return 0;
    const lang = baseLang(pageLang);
    let list = [];
    try {
      switch (locator.by) {
        case "href": list = Array.from(hrefMatches(locator, doc)); break;
        case "role": list = roleElements(locator, doc, lang); break;
        case "css": list = Array.from(doc.querySelectorAll(String(locator.selector || ""))); break;
        case "text": return byText(locator, doc, lang) ? 1 : 0;
        default: return 0;
      }
    } catch {
      return 0;
    }
    return list.filter(acceptable).length;
  }

  // targets: the step's locators in priority order. Returns the first that resolves to a
  // visible element, with its index, or null.
  function resolve(targets, opts = {}) {
    const doc = opts.document || globalThis.document;
    const pageLang = baseLang(opts.pageLang !== undefined ? opts.pageLang : OG.page ? OG.page.docLang(doc) : "");
    if (!Array.isArray(targets)) return null;
    for (let i = 0; i < targets.length; i++) {
      const element = resolveOne(targets[i], { document: doc, pageLang });
      if (element) return { element, locatorIndex: i, by: targets[i].by };
    }
    return null;
  }

  OG.locator = { resolve, resolveOne, count, isVisible, visibleText, accessibleName, roleOf, leadsOffAllowlist, destinationOf };
})(globalThis.OptoutGuide);
