// Accessible-name look-up for the browser-test harness: tests find controls by the names a
// screen reader announces. A simplified version of the W3C "accessible name computation":
//   aria-labelledby, aria-label, <label for=…> / wrapping <label>, input button value, img alt,
//   fieldset legend, table caption, text content (buttons, links, summary, option, headings,
//   th, and the matching ARIA roles), title, and placeholder as a last resort.
// Names are compared after collapsing whitespace. Results are in document order.
const __cchcNames = (() => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

  const FIELD = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]),'
    + 'select, textarea, [contenteditable=""], [contenteditable="true"], [role=textbox], [role=searchbox],'
    + '[role=combobox], [role=spinbutton], [role=checkbox], [role=radio], [role=switch], [role=slider], [role=listbox]';
  const BUTTON = 'button, input[type=button], input[type=submit], input[type=reset], input[type=image],'
    + '[role=button], summary';
  const CONTENT_ROLES = ['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'tab',
    'treeitem', 'heading', 'columnheader', 'rowheader', 'cell', 'gridcell', 'checkbox', 'radio', 'switch', 'tooltip'];
  const FROM_CONTENT = 'button, a[href], summary, option, h1, h2, h3, h4, h5, h6, th, '
    + CONTENT_ROLES.map((r) => `[role=${r}]`).join(', ');
  const CANDIDATE = [FIELD, BUTTON, FROM_CONTENT,
    '[aria-label], [aria-labelledby], [title], [placeholder], img[alt], fieldset, table, output, meter, progress, a[href], dialog, form, section, nav'].join(', ');
  const KINDS = { any: CANDIDATE, field: FIELD, button: BUTTON, link: 'a[href], [role=link]' };

  const isInline = (el) => {
    const d = getComputedStyle(el).display;
    return d === 'inline' || d === 'contents';
  };

  // Text of a subtree as a name: skips hidden parts and embedded controls, uses aria-label and alt.
  const contentText = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const el = node;
    if (el.matches('script, style, template, input, select, textarea')) return '';
    if (el.getAttribute('aria-hidden') === 'true') return '';
    if (el !== node.ownerDocument.body && typeof el.checkVisibility === 'function'
        && !el.matches('option, optgroup') && !el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return '';
    const label = el.getAttribute('aria-label');
    let text;
    if (label && norm(label)) text = label;
    else if (el.tagName === 'IMG') text = el.getAttribute('alt') || '';
    else if (el.tagName === 'BR') text = ' ';
    else text = Array.from(el.childNodes, contentText).join('');
    return isInline(el) ? text : ` ${text} `;
  };

  const byIds = (ids) => norm(ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean)
    .map((el) => norm(el.getAttribute('aria-label')) || norm(contentText(el))).join(' '));

  const nameOf = (el) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) { const t = byIds(labelledBy); if (t) return t; }
    const label = norm(el.getAttribute('aria-label'));
    if (label) return label;
    const tag = el.tagName;
    if (tag === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) {
      return norm(el.value) || (el.type === 'submit' ? 'Submit' : el.type === 'reset' ? 'Reset' : '');
    }
    if (tag === 'INPUT' && el.type === 'image') return norm(el.alt) || norm(el.title);
    if (el.labels && el.labels.length) {
      const t = norm(Array.from(el.labels, (l) => contentText(l)).join(' '));
      if (t) return t;
    }
    if (tag === 'IMG' && norm(el.alt)) return norm(el.alt);
    if (tag === 'FIELDSET') { const l = el.querySelector(':scope > legend'); if (l && norm(contentText(l))) return norm(contentText(l)); }
    if (tag === 'TABLE' && el.caption && norm(contentText(el.caption))) return norm(contentText(el.caption));
    if (el.matches(FROM_CONTENT)) { const t = norm(contentText(el)); if (t) return t; }
    if (norm(el.getAttribute('title'))) return norm(el.getAttribute('title'));
    if (norm(el.getAttribute('placeholder'))) return norm(el.getAttribute('placeholder'));
    return '';
  };

  const isShown = (el) => {
    if (el.closest('[aria-hidden="true"], [hidden]')) return false;
    if (el.tagName === 'OPTION' || el.tagName === 'OPTGROUP') { const s = el.closest('select, datalist'); return s ? isShown(s) : true; }
    if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  };

  const candidates = (kind, includeHidden) => {
    const selector = KINDS[kind];
    if (!selector) throw new Error(`unknown kind of element: ${kind}`);
    return Array.from(document.querySelectorAll(selector)).filter((el) => includeHidden || isShown(el));
  };

  return {
    norm,
    nameOf,
    // Elements of this kind ('any', 'field', 'button', 'link') whose accessible name is `name`.
    find(name, kind, includeHidden) {
      const wanted = norm(name);
      return candidates(kind, includeHidden).filter((el) => nameOf(el) === wanted);
    },
    // The distinct names on the page (for error messages), as "name <tag>".
    list(kind) {
      const seen = new Set();
      for (const el of candidates(kind, false)) {
        const n = nameOf(el);
        if (n) seen.add(`"${n}" <${el.tagName.toLowerCase()}>`);
      }
      return Array.from(seen);
    },
    // What a person reads in an element: the value of a form control, else its text.
    textOf(el) {
      if (el.tagName === 'SELECT') return norm(el.selectedOptions.length ? el.selectedOptions[0].textContent : '');
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return el.value;
      // A row the browser skips painting (content-visibility: auto, off screen) has no
      // innerText in Firefox; its text is still what a person reads after scrolling to it.
      const skipped = el.checkVisibility && el.checkVisibility() && !el.checkVisibility({ contentVisibilityAuto: true });
      return norm(skipped ? el.textContent : el.innerText);
    },
  };
})();
