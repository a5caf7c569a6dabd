// Small statistics and formatting helpers shared by the benchmark sections.

/** {min, median, max, n} of a list of numbers (median of an even count: mean of the middle two). */
export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { min: NaN, median: NaN, max: NaN, n: 0 };
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { min: v[0], median, max: v[v.length - 1], n: v.length };
}

/** Element-wise ratios a[i] / b[i] (pairs measured side by side in the same run). */
export function ratios(a, b) {
  return a.map((x, i) => x / b[i]);
}

/** A number with `digits` significant digits, thousands separated. */
export function num(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  const decimals = abs === 0 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** "median (min–max)" of a summary, with an optional unit and formatter. */
export function mmm(s, unit = '', f = num) {
  const u = unit ? ` ${unit}` : '';
  if (!s || s.n === 0) return 'n/a';
  if (s.n === 1 || s.min === s.max) return `${f(s.median)}${u}`;
  return `${f(s.median)}${u} (${f(s.min)}–${f(s.max)})`;
}

/** "min / median / max" of a summary. */
export function triple(s, f = num) {
  if (!s || s.n === 0) return 'n/a';
  return `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;
}

/** Bytes with thousands separators. */
export const bytes = (n) => `${Math.round(n).toLocaleString('en-US')} B`;
/** Kilobytes (1 KB = 1000 B, as the size budget is stated), one decimal. */
export const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds since an arbitrary origin, high resolution. */
export const now = () => performance.now();

/** A Markdown table from a header row and rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((h) => (/^[-–]?\d|^n\/a/.test(h) ? '---:' : '---'))), ...rows.map(line)].join('\n');
}
