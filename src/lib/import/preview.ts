import {
	birthDateOfIdNumber,
	idNumberProblem,
	validate,
	type DraftOf,
	type Household,
	type Issue,
	type Student
} from '$lib/domain';
import type { z } from 'zod';
import type { Target } from './columns';
import { columnLetter, findHeaderRow, fieldsOf, guessMapping, type ColumnMap } from './mapping';
import type { ImportCode, ProblemCode } from './messages';
import type { RawCell, RawSheet } from './read';
import { text } from './values';

/** One problem of one cell: the row and column a person sees in Excel, and a code for words. */
export interface Problem {
	/** Sheet row number (1-based, as Excel shows it). */
	row: number;
	/** Column letter ('D'); '' for a problem of the whole row. */
	column: string;
	header: string;
	field: string;
	code: ProblemCode;
	value?: string;
}

/** A record of the file that an existing record already holds: merge into it, or skip it. */
export interface DuplicateOf {
	id: string;
	label: string;
	by: 'id_number' | 'name_birth';
}

export interface Item<K extends Target> {
	rows: number[];
	draft: DraftOf<K>;
	duplicateOf?: DuplicateOf;
}

export interface Preview<K extends Target = Target> {
	target: K;
	sheetName: string;
	/** Sheet row number of the header row. */
	headerRow: number;
	headers: string[];
	mapping: ColumnMap;
	items: Item<K>[];
	/** Every problem of every row; the import can be committed only when this is empty. */
	problems: Problem[];
	rowsRead: number;
}

export type PreviewResult<K extends Target> =
	{ ok: true; preview: Preview<K> } | { ok: false; code: ImportCode };

/** One parsed row: values by field, and where each came from. */
export interface ParsedRow {
	row: number;
	values: Record<string, unknown>;
	columns: Record<string, number>;
}

export class Collector {
	readonly problems: Problem[] = [];
	constructor(readonly headers: string[]) {}

	add(r: ParsedRow | number, field: string, code: ProblemCode, column?: number, value?: string) {
		const row = typeof r === 'number' ? r : r.row;
		const col = column ?? (typeof r === 'number' ? undefined : r.columns[field]);
		this.problems.push({
			row,
			column: col === undefined ? '' : columnLetter(col),
			header: col === undefined ? '' : (this.headers[col] ?? ''),
			field,
			code,
			...(value === undefined ? {} : { value })
		});
	}

	/** Schema issues of a draft built from `r`, placed on the cells their fields came from. */
	issues(r: ParsedRow, issues: Issue[], prefix: (string | number)[] = []) {
		for (const i of issues) {
			const field = String(i.path[prefix.length] ?? '');
			const v = r.values[field];
			this.add(r, field, i.code, undefined, v === undefined ? undefined : String(v));
		}
	}

	sorted(): Problem[] {
		return this.problems.sort(
			(a, b) =>
				a.row - b.row ||
				a.column.length - b.column.length ||
				(a.column < b.column ? -1 : a.column > b.column ? 1 : 0)
		);
	}
}

/** Reads the sheet into parsed rows: header found, mapping applied, every cell checked. */
export function parseRows(
	sheet: RawSheet,
	target: Target,
	mapping?: ColumnMap
):
	| { ok: false; code: ImportCode }
	| {
			ok: true;
			header: number;
			headers: string[];
			mapping: ColumnMap;
			rows: ParsedRow[];
			out: Collector;
	  } {
	const header = findHeaderRow(sheet.rows, target);
	if (header < 0 && !mapping) return { ok: false, code: 'file.no_header' };
	const h = Math.max(0, header);
	const headers = (sheet.rows[h] ?? []).map((c) => text(c) ?? '');
	const map = mapping ?? guessMapping(headers, target);
	const fields = new Map(fieldsOf(target).map((f) => [f.key, f]));
	const out = new Collector(headers);
	const rows: ParsedRow[] = [];
	for (let i = h + 1; i < sheet.rows.length; i++) {
		const cells: RawCell[] = sheet.rows[i] ?? [];
		if (cells.every((c) => text(c) === undefined)) continue;
		// The 合计 row offices add under a table is not a record.
		if (/^(合计|总计|小计)$/.test(text(cells.find((c) => text(c) !== undefined) ?? null) ?? ''))
			continue;
		const r: ParsedRow = { row: i + 1, values: {}, columns: {} };
		map.forEach((key, col) => {
			const f = key ? fields.get(key) : undefined;
			if (!f) return;
			r.columns[f.key] = col;
			const p = f.parse(cells[col] ?? null);
			if (!p.ok) out.add(r, f.key, p.code, col, text(cells[col] ?? null));
			else if (p.value !== undefined) r.values[f.key] = p.value;
		});
		rows.push(r);
	}
	if (rows.length === 0) return { ok: false, code: 'file.no_rows' };
	return { ok: true, header: h + 1, headers, mapping: map, rows, out };
}

/**
 * A person's ID number, birth date and gender checked against each other. A valid ID fills a
 * missing birth date and gender (the 17th digit is odd for men).
 */
export function personFromId(
	r: ParsedRow,
	out: Collector,
	keys = { id: 'idNumber', birth: 'birthDate', gender: 'gender' }
) {
	const id = r.values[keys.id];
	if (typeof id !== 'string') return;
	const problem = idNumberProblem(id);
	if (problem) {
		out.add(r, keys.id, problem, undefined, id);
		delete r.values[keys.id];
		return;
	}
	const birth = birthDateOfIdNumber(id);
	const given = r.values[keys.birth];
	if (given === undefined) r.values[keys.birth] = birth;
	else if (given !== birth)
		out.add(r, keys.birth, 'import.id_birth_mismatch', undefined, String(given));
	if (keys.gender && r.values[keys.gender] === undefined)
		r.values[keys.gender] = Number(id[16]) % 2 ? 'male' : 'female';
}

/** Validates a draft piece; on failure its issues go to `place` (default: `r`'s cells). */
export function checked<S extends z.ZodType>(
	schema: S,
	value: unknown,
	r: ParsedRow,
	out: Collector,
	place: (issues: Issue[]) => void = (issues) => out.issues(r, issues)
): z.output<S> | undefined {
	const v = validate(schema, value);
	if (v.ok) return v.data;
	place(v.issues);
	return undefined;
}

/** Existing records to find duplicates in: by ID number, then by name + birth date. */
export class DuplicateIndex {
	readonly #byId = new Map<string, DuplicateOf>();
	readonly #byNameBirth = new Map<string, DuplicateOf>();

	static households(list: readonly Household[]) {
		const ix = new DuplicateIndex();
		for (const h of list) {
			const label = [h.headName, h.village, h.group].filter(Boolean).join(' ');
			for (const m of Object.values(h.members ?? {}))
				ix.add(h.id, label, m.idNumber, m.name, m.birthDate);
		}
		return ix;
	}

	static students(list: readonly Student[]) {
		const ix = new DuplicateIndex();
		for (const s of list)
			ix.add(
				s.id,
				[s.name, s.className].filter(Boolean).join(' '),
				s.idNumber,
				s.name,
				s.birthDate
			);
		return ix;
	}

	add(id: string, label: string, idNumber?: string, name?: string, birth?: string) {
		if (idNumber) this.#byId.set(idNumber, { id, label, by: 'id_number' });
		if (name && birth) this.#byNameBirth.set(`${name}|${birth}`, { id, label, by: 'name_birth' });
	}

	find(idNumber: unknown, name: unknown, birth: unknown): DuplicateOf | undefined {
		if (typeof idNumber === 'string') {
			const hit = this.#byId.get(idNumber);
			if (hit) return hit;
		}
		return typeof name === 'string' && typeof birth === 'string'
			? this.#byNameBirth.get(`${name}|${birth}`)
			: undefined;
	}
}
