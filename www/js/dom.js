// DOM helpers: they only create elements and set text. Certificate fields are
// untrusted text: they only ever reach the page as text nodes (h(), setText()),
// never as HTML.

/** Builds an element. Strings among the children become text nodes. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const key in props) {
      const value = props[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/**
 * Appends `children` (nested arrays flattened; null, undefined and false
 * skipped; strings as text). A report builds thousands of elements: this walks
 * the arrays in place instead of copying them flat, and appends each text as a
 * string (the browser makes its text node).
 */
export function append(el, children) {
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (typeof child === "string") el.append(child);
    else el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces what `el` holds with `children` (as append() takes them). */
export function fillWith(el, children) {
  el.replaceChildren();
  return append(el, children);
}

export function setText(el, text) {
  el.textContent = text;
}

export function icon(symbol) {
  return h("span", { class: "icon", "aria-hidden": "true" }, symbol);
}

export function badge(cls, text, title) {
  return h("span", { class: `badge ${cls}`, title }, text);
}

export function chip(kind, text, title) {
  return h("span", { class: `chip ${kind}`, title }, text);
}

export function textList(items, cls) {
  return h("ul", { class: `plain-list ${cls || ""}` }, items.map((x) => h("li", null, x)));
}
