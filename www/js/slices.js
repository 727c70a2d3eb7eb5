// A long report (hundreds of certificates) is put on screen a slice at a time:
// the first items at once, the others in slices of about SLICE_MS with the
// browser free in between, so that the page keeps responding.

const SLICE_MS = 12;

/**
 * Puts `items` in `container`, replacing what it held: the first `first` now
 * (made by `make(item, index)`); returns the rest for fillLater(), or null.
 */
export function fillFirst(container, items, make, first) {
  container.replaceChildren(...items.slice(0, first).map(make));
  return items.length > first ? { container, items, make, next: first } : null;
}

/**
 * Puts the rest of `lists` (from fillFirst()) on screen, a slice at a time.
 * Stops when `current()` turns false (another report replaced this one);
 * `onStart(total)` and `onSlice(done)` follow the progress. Resolves with
 * true when everything was put on screen.
 */
export async function fillLater(lists, { current, onStart, onSlice }) {
  const total = lists.reduce((n, list) => n + list.items.length - list.next, 0);
  let done = 0;
  onStart(total);
  for (const list of lists) {
    while (list.next < list.items.length) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!current()) return false;
      const start = performance.now();
      const slice = document.createDocumentFragment();
      do {
        slice.append(list.make(list.items[list.next], list.next));
        list.next += 1;
        done += 1;
      } while (list.next < list.items.length && performance.now() - start < SLICE_MS);
      list.container.append(slice);
      onSlice(done);
    }
  }
  return current();
}
