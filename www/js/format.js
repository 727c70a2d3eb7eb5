// Plain formatting of numbers, dates and errors for the page's text.

export function formatSize(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// One formatter for every count (toLocaleString() makes a new one at each call,
// which a 1,000-certificate report pays thousands of times).
const COUNT = new Intl.NumberFormat("en-US");

/** 1,234 */
export function formatCount(n) {
  return COUNT.format(n);
}

export function errorMessage(err) {
  if (err && typeof err.message === "string") return err.message;
  return String(err);
}

/** Today in this computer's time zone, as the date box shows it (YYYY-MM-DD). */
export function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
