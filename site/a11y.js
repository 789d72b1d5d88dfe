// The accessibility mirror of the console's canvas (docs/architecture.md §9): an off-screen DOM with
// ARIA roles that says what the canvas shows, for screen readers, the keyboard and the browser's
// find. The module describes each frame (wasm/web/a11y_mirror.h) and calls update() when the
// description changed; this file builds the DOM from it with createElement and textContent only (the
// page's Trusted Types policy allows no HTML strings).
//
//   region  banner | navigation | main  -> <header> / <nav> / <main>
//           dialog (a modal)            -> role=dialog aria-modal=true, named by its title
//           window | popup              -> role=region / role=group, named by its title
//   node    text (h: heading)           -> <p> / <h2>
//           button, tree                -> <button> (tree: aria-expanded)
//           checkbox                    -> <input type=checkbox> (checked)
//           tablist / tab               -> role=tablist / <button role=tab aria-selected>
//           input                       -> <input type=text> with the field's value
//           table                       -> <table role=grid> of rows (role=row) of cells
//                                          (role=gridcell, role=columnheader in the header row)
//
// Focus goes both ways: a mirrored element that gets the DOM focus becomes ImGui's navigation item
// (qd_a11y_focus); one that is activated (Enter, Space, a screen reader's click) is pressed by ImGui
// (qd_a11y_activate); when ImGui's keyboard navigation moves, its item's element gets the DOM focus.
// While an element of the mirror has the focus, Tab, Enter and Space are the browser's (wasm/web/
// input.cpp); Escape, the arrows and the shortcuts stay the console's.
'use strict';
(() => {
  let api = null;          // { focus(id), activate(id) }: the module's calls
  let root = null;
  let inMirror = false;    // the focus is (or just was, on an element since rebuilt) in the mirror
  let lastKey = null;      // the data-id of the element that had the focus
  let quiet = false;       // focus moved by this file: do not echo it to the module
  let navId = 0;
  let builds = 0;
  let lastTexts = [];      // each region's description as last built
  let editKey = null;      // a text field activated from the mirror: its element gets the focus back

  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };

  function ensureRoot() {
    if (root) return root;
    root = document.getElementById('qd-a11y');
    if (!root) {
      root = el('div', { id: 'qd-a11y', class: 'a11y-mirror' });
      document.body.appendChild(root);
    }
    root.addEventListener('focusin', (e) => {
      inMirror = true;
      const t = e.target.closest('[data-id]');
      lastKey = t ? t.dataset.id : null;
      if (t && !quiet && api) api.focus(Number(t.dataset.id));
    });
    root.addEventListener('focusout', (e) => {
      // null: the element went away (a rebuild); the focus comes back after it.
      if (e.relatedTarget && !root.contains(e.relatedTarget)) inMirror = false;
    });
    root.addEventListener('click', (e) => {
      const t = e.target.closest('[data-id]');
      if (!t || !api) return;
      e.preventDefault();  // a checkbox's state is the console's: the next description brings it
      if (t.getAttribute('aria-disabled') === 'true') return;
      if (t.matches('input[type=text]')) editKey = t.dataset.id;
      api.activate(Number(t.dataset.id));
    });
    // The console's text field ends its edit (Enter, Esc): the IME textarea lets the focus go, and the
    // field's element takes it back, so Tab goes on from there.
    const ime = document.getElementById('qd-ime');
    if (ime) ime.addEventListener('blur', (e) => {
      const key = editKey;
      editKey = null;
      if (!key || (e.relatedTarget && e.relatedTarget !== document.body)) return;
      const t = byId(key);
      if (focusable(t)) { inMirror = true; focusQuietly(t); }
    });
    root.addEventListener('keydown', (e) => {
      // Enter on a text field starts editing it in the console (the IME textarea takes the keys).
      if (e.key === 'Enter' && e.target.matches('input[type=text][data-id]') && api) {
        e.preventDefault();
        editKey = e.target.dataset.id;
        api.activate(Number(e.target.dataset.id));
      }
    });
    return root;
  }

  function item(n) {
    const id = String(n.id);
    const dis = n.dis ? 'true' : undefined;
    switch (n.k) {
      case 'checkbox': {
        const box = el('input', { type: 'checkbox', 'data-id': id, 'aria-disabled': dis, 'aria-label': n.t || undefined });
        box.checked = !!n.on;
        return box;
      }
      case 'input': {
        const f = el('input', { type: 'text', 'data-id': id, 'aria-label': n.t || n.ph || undefined, 'aria-disabled': dis, readonly: true,
          placeholder: n.ph || undefined });
        f.value = n.v || '';
        return f;
      }
      case 'tab':
        return el('button', { type: 'button', role: 'tab', 'data-id': id, 'aria-selected': n.on ? 'true' : 'false', 'aria-disabled': dis }, n.t);
      case 'tree':
        return el('button', { type: 'button', 'data-id': id, 'aria-expanded': n.on ? 'true' : 'false', 'aria-disabled': dis }, n.t);
      default:  // an unlabelled item with a caption beside it (a combo): "到期时间: 全部"
        return el('button', { type: 'button', 'data-id': id, 'aria-disabled': dis, 'aria-label': n.l ? `${n.l}: ${n.t}` : undefined }, n.t);
    }
  }

  function node(n, parent) {
    if (n.k === 'text') { parent.appendChild(el(n.h ? 'h2' : 'p', null, n.t)); return; }
    if (n.k === 'tablist') {
      const list = el('div', { role: 'tablist' });
      for (const t of n.nodes) list.appendChild(item(t));
      parent.appendChild(list);
      return;
    }
    if (n.k === 'table') { parent.appendChild(table(n)); return; }
    parent.appendChild(item(n));
  }

  function table(n) {
    const t = el('table', { role: 'grid', 'aria-colcount': n.cols });
    for (const r of n.rows) {
      const row = el('tr', { role: 'row' });
      for (const c of r.cells) {
        const cell = el(r.h ? 'th' : 'td', { role: r.h ? 'columnheader' : 'gridcell' });
        for (const x of c) {
          if (x.k === 'text') cell.appendChild(el('span', null, x.t + ' '));
          else node(x, cell);
        }
        row.appendChild(cell);
      }
      // A row's checkbox without a label is named by the row's first text.
      const box = row.querySelector('input[type=checkbox]:not([aria-label])');
      if (box) {
        const name = [...row.querySelectorAll('td span, th span')].map((s) => s.textContent.trim()).find((s) => s);
        if (name) box.setAttribute('aria-label', name);
      }
      t.appendChild(row);
    }
    return t;
  }

  const tags = { banner: 'header', navigation: 'nav', main: 'main' };
  function region(r) {
    let e;
    if (tags[r.role]) e = el(tags[r.role]);
    else if (r.role === 'dialog') e = el('div', { role: 'dialog', 'aria-modal': 'true', 'aria-label': r.label || undefined });
    else e = el('div', { role: r.role === 'popup' ? 'group' : 'region', 'aria-label': r.label || undefined });
    if (r.inert) e.inert = true;
    for (const n of r.nodes) node(n, e);
    return e;
  }

  const focusable = (e) => e && !e.closest('[inert]');
  function focusQuietly(e) {
    quiet = true;
    try { e.focus({ preventScroll: true }); } finally { quiet = false; }
    lastKey = e.dataset.id || null;
  }
  const byId = (id) => root.querySelector(`[data-id="${id}"]`);

  function update(json, nav) {
    ensureRoot();
    if (json !== null) {
      const d = JSON.parse(json);
      const had = inMirror && (root.contains(document.activeElement) || document.activeElement === document.body || !document.activeElement);
      const keep = had ? lastKey : null;
      // A region described as before keeps its elements (a reader's place in the menu survives a
      // scroll of the page); the others are built anew.
      const texts = d.regions.map((r) => JSON.stringify(r));
      const kept = new Map();
      for (let i = 0; i < lastTexts.length; i++) if (root.children[i]) kept.set(lastTexts[i], root.children[i]);
      const regions = d.regions.map((r, i) => kept.get(texts[i]) || region(r));
      // Only what changed leaves the DOM: a kept region (and the focus in it) stays where it is.
      regions.forEach((e, i) => {
        const at = root.children[i];
        if (at === e) return;
        if (at) root.insertBefore(e, at); else root.appendChild(e);
      });
      while (root.children.length > regions.length) root.lastElementChild.remove();
      lastTexts = texts;
      builds++;
      if (had) {
        // The same item if it is still there; else ImGui's navigation item; else the first of a dialog.
        const dialog = root.querySelector('[role=dialog]:not([inert])');
        const prev = keep && byId(keep);
        const target = (focusable(prev) && prev) || (nav && focusable(byId(nav)) && byId(nav)) ||
          (dialog && dialog.querySelector('[data-id]:not([aria-disabled=true])'));
        if (target && target !== document.activeElement) focusQuietly(target);
      }
    }
    if (nav !== navId) {
      navId = nav;
      // ImGui's keyboard navigation moved: its item takes the DOM focus, unless a text field has it.
      const a = document.activeElement;
      const free = !a || a === document.body || a.id === 'canvas' || root.contains(a);
      const target = nav && byId(nav);
      if (free && focusable(target) && document.activeElement !== target) { inMirror = true; focusQuietly(target); }
    }
  }

  window.qdA11y = {
    attached: false,
    attach(calls) { api = calls; this.attached = true; ensureRoot(); },
    update,
    // For browser tests: how many times the DOM was rebuilt.
    get builds() { return builds; },
  };
})();
