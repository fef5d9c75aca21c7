import { columnSum, type Cell, type Column, type Table } from './table';

/** Excel and WPS read a CSV as the local code page (GBK) unless it starts with a UTF-8 BOM. */
export const BOM = '\uFEFF';
export const CSV_MIME = 'text/csv;charset=utf-8';

/**
 * A text cell starting with = + - @ (or a tab/CR) would run as a formula when the file is
 * opened; a leading apostrophe keeps it text (OWASP "CSV injection").
 */
function guard(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(col: Column, v: Cell): string {
	if (v === undefined) return '';
	let s: string;
	if (typeof v === 'number') s = col.type === 'percent' ? `${(v * 100).toFixed(1)}%` : String(v);
	else s = col.type === 'text' ? guard(v) : v;
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One table as CSV: headers, rows, and the 合计 row where the office sums. */
export function toCsv(t: Table): string {
	const lines = [t.columns.map((c) => field({ ...c, type: 'text' }, c.header)).join(',')];
	for (const row of t.rows) lines.push(t.columns.map((c) => field(c, row[c.key])).join(','));
	if (t.columns.some((c) => c.sum))
		lines.push(
			t.columns
				.map((c, i) => (i === 0 ? '合计' : c.sum ? String(columnSum(t, c.key)) : ''))
				.join(',')
		);
	return BOM + lines.join('\r\n') + '\r\n';
}
