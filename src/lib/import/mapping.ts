// Which column is which field: recognising headers and finding the header row.
import { HOUSEHOLD_FIELDS, type FieldDef, type Target } from './columns';
import { STUDENT_FIELDS } from './columns-students';
import type { RawCell } from './read';
import { text } from './values';

export function fieldsOf(target: Target): readonly FieldDef[] {
	return target === 'household' ? HOUSEHOLD_FIELDS : STUDENT_FIELDS;
}

export function normalizeHeader(h: string): string {
	return h
		.replace(/[\s*＊]/g, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')')
		.replace(/：|:$/g, '');
}

/** Column index → field key (or null when the column is not imported). */
export type ColumnMap = (string | null)[];

/** Recognises each header; a field is given to the first column that names it. */
export function guessMapping(headers: readonly (string | undefined)[], target: Target): ColumnMap {
	const used = new Set<string>();
	const fields = fieldsOf(target);
	return headers.map((raw) => {
		if (!raw) return null;
		const h = normalizeHeader(raw);
		const bare = h.replace(/\(.*\)$/, '');
		const f = fields.find(
			(f) =>
				!used.has(f.key) &&
				f.headers.some((x) => normalizeHeader(x) === h || normalizeHeader(x) === bare)
		);
		if (!f) return null;
		used.add(f.key);
		return f.key;
	});
}

/** The header row: the first of the top ten rows that names at least two known fields. */
export function findHeaderRow(rows: readonly RawCell[][], target: Target): number {
	for (let i = 0; i < Math.min(10, rows.length); i++) {
		const cells = (rows[i] ?? []).map((c) => text(c));
		if (guessMapping(cells, target).filter(Boolean).length >= 2) return i;
	}
	return -1;
}

export function columnLetter(index: number): string {
	let s = '';
	for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26))
		s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
	return s;
}
