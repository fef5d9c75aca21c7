// The printed table: one line per figure, notes on a second line so the columns stay readable
// in an 80–120 column terminal.
import { fmt } from './stats';
import type { Row } from './types';

const MARK: Record<Row['verdict'], string> = {
	pass: 'PASS',
	fail: 'FAIL',
	info: '    ',
	'not measured': 'N/M '
};

export function renderTable(rows: readonly Row[]): string {
	const cells = rows.map((r) => [
		MARK[r.verdict],
		r.figure,
		r.target,
		r.median === null ? 'not measured' : `${fmt(r.median)} ${r.unit}`,
		r.min === null ? '' : `${fmt(r.min)}–${fmt(r.max)}`,
		r.runs.length > 0 ? `n=${r.runs.length}` : ''
	]);
	const head = ['', 'figure', 'target', 'median', 'min–max', 'runs'];
	const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => v.padEnd(widths[i] ?? 0))
			.join('  ')
			.trimEnd();
	const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
	rows.forEach((r, i) => {
		out.push(line(cells[i] ?? []));
		if (r.notes) out.push(`      ↳ ${r.notes}`);
	});
	return out.join('\n');
}

/** The same rows as a markdown table, for pasting into docs/benchmarks.md. */
export function renderMarkdown(rows: readonly Row[]): string {
	const out = [
		'| figure | target | median | min–max | runs | result | notes |',
		'| --- | --- | --- | --- | --- | --- | --- |'
	];
	for (const r of rows) {
		const value = r.median === null ? 'not measured' : `${fmt(r.median)} ${r.unit}`;
		const range = r.min === null ? '' : `${fmt(r.min)}–${fmt(r.max)}`;
		const notes = r.notes.replaceAll('|', '\\|');
		out.push(
			`| ${r.figure} | ${r.target} | ${value} | ${range} | ${r.runs.length} | ${r.verdict} | ${notes} |`
		);
	}
	return out.join('\n');
}
