// Filter and count: what the home page's archive filter, a report's targets filter and the search
// filters share. Select filters live in the query string, so that a filtered view can be linked to.

// Each select set from the query string when it offers that value; returns [[name, value]] of those
// that are set.
export function readSelects(selects, params = new URLSearchParams(window.location.search)) {
  for (const select of selects) {
    const value = params.get(select.name) || "";
    if ([...select.options].some((option) => option.value === value)) select.value = value;
  }
  return chosen(selects);
}

export function chosen(selects) {
  return selects.map((select) => [select.name, select.value]).filter(([, value]) => value);
}

// The selects' values written into `url`'s query string (an unset one leaves it).
export function writeSelects(selects, url) {
  for (const select of selects) {
    if (select.value) url.searchParams.set(select.name, select.value);
    else url.searchParams.delete(select.name);
  }
  return url;
}

// Whether an item has every wanted value; `valueOf(name)` reads the item's.
export function passes(wanted, valueOf) {
  return wanted.every(([name, value]) => valueOf(name) === value);
}

// Items that pass `test` shown, the others hidden, and a group with nothing left to show hidden
// too. `count` says how many are shown: its data-count-template holds {shown} and {total}
// (data-total, or the number of items), and data-none, when present, replaces it when none is.
export function showOnly(items, test, groups, count) {
  let shown = 0;
  for (const item of items) {
    const ok = test(item);
    item.hidden = !ok;
    if (ok) shown += 1;
  }
  for (const group of groups) {
    group.hidden = ![...items].some((item) => !item.hidden && group.contains(item));
  }
  if (count) {
    const total = count.dataset.total ?? items.length;
    count.textContent = !shown && count.dataset.none ? count.dataset.none
      : count.dataset.countTemplate.replace("{shown}", shown).replace("{total}", total);
  }
  return shown;
}
