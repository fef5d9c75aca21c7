import type { RawCell } from './read';
import type { ImportCode } from './messages';

/** A cell turned into a value, or why it cannot be. Empty cells are `undefined`, not errors. */
export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; code: ImportCode };

const ok = <T>(value: T | undefined): Parsed<T> => ({ ok: true, value });
const no = (code: ImportCode): Parsed<never> => ({ ok: false, code });

export function text(cell: RawCell): string | undefined {
	if (cell === null) return undefined;
	if (cell instanceof Date) return isoOf(cell);
	const s = String(cell)
		.replace(/\u00a0/g, ' ')
		.trim();
	return s === '' ? undefined : s;
}

function isoOf(d: Date): string {
	return d.toISOString().slice(0, 10);
}

function pad(n: number) {
	return String(n).padStart(2, '0');
}

/** Excel's day serial (1900 system) to a calendar date, within plausible years. */
function fromSerial(n: number): string | undefined {
	if (!Number.isFinite(n) || n < 1 || n > 110_000) return undefined;
	return isoOf(new Date(Math.round((n - 25569) * 86_400_000)));
}

/**
 * Dates as offices type them: date cells, Excel serials, 2015-03-08, 2015/3/8, 2015.3.8,
 * 2015年3月8日, 20150308, and 2015-03 / 2015年3月 (birth months, read as the 1st).
 */
export function date(cell: RawCell): Parsed<string> {
	if (cell === null) return ok(undefined);
	if (cell instanceof Date) return ok(isoOf(cell));
	if (typeof cell === 'number') {
		if (cell >= 19_000_101 && cell <= 22_001_231) return date(String(cell));
		const d = fromSerial(cell);
		return d ? ok(d) : no('import.date_unparseable');
	}
	const s = text(cell);
	if (s === undefined) return ok(undefined);
	let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
	if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
	if (!m) {
		const ym = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
		if (ym) m = [s, ym[1] ?? '', ym[2] ?? '', '1'] as unknown as RegExpExecArray;
	}
	if (!m) return no('import.date_unparseable');
	return ok(`${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`);
}

/** Numbers with thousands separators, 元/万元 units and full-width digits. */
export function number(cell: RawCell): Parsed<number> {
	if (cell === null) return ok(undefined);
	if (typeof cell === 'number') return ok(cell);
	const s = text(cell);
	if (s === undefined) return ok(undefined);
	const half = s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
	const m = /^(-?\d+(?:\.\d+)?)\s*(万元|万|元)?$/.exec(half.replace(/[,，\s]/g, ''));
	if (!m) return no('import.number_unparseable');
	const n = Number(m[1]);
	return ok(m[2]?.startsWith('万') ? n * 10_000 : n);
}

const YES = new Set([
	'是',
	'有',
	'√',
	'✓',
	'y',
	'yes',
	'true',
	'1',
	'参加',
	'已参加',
	'已参保',
	'参保'
]);
const NO = new Set(['否', '无', '×', '✗', 'n', 'no', 'false', '0', '未参加', '未参保', '没有']);

export function bool(cell: RawCell): Parsed<boolean> {
	if (typeof cell === 'boolean') return ok(cell);
	const s = text(cell)?.toLowerCase();
	if (s === undefined) return ok(undefined);
	if (YES.has(s)) return ok(true);
	if (NO.has(s)) return ok(false);
	return no('import.value_unknown');
}

/**
 * ID numbers are text. An 18-digit number in a number cell has lost its last digits to
 * floating point (Excel keeps 15), which no check can repair: say so instead of guessing.
 */
export function idText(cell: RawCell): Parsed<string> {
	if (typeof cell === 'number') return no('import.id_as_number');
	const s = text(cell)?.replace(/[\s'‘’]/g, '');
	if (s !== undefined && /^\d(\.\d+)?e\+\d+$/i.test(s)) return no('import.id_as_number');
	return ok(s?.toUpperCase());
}

export function phoneText(cell: RawCell): Parsed<string> {
	if (typeof cell === 'number') return ok(String(cell));
	return ok(text(cell)?.replace(/\s/g, ''));
}

/** One word of a vocabulary, by its word or a synonym; `undefined` for words meaning "none". */
export function choice<T extends string>(
	cell: RawCell,
	words: Record<string, T | null>,
	unknown: ImportCode
): Parsed<T> {
	const s = text(cell);
	if (s === undefined) return ok(undefined);
	const key = normalizeWord(s);
	if (Object.hasOwn(words, key)) return ok(words[key] ?? undefined);
	return no(unknown);
}

/** Several words in one cell ("因病、因残"), each from the vocabulary. */
export function flags<T extends string>(
	cell: RawCell,
	words: Record<string, T | null>,
	unknown: ImportCode
): Parsed<Partial<Record<T, boolean>>> {
	const s = text(cell);
	if (s === undefined) return ok(undefined);
	const out: Partial<Record<T, boolean>> = {};
	for (const part of s.split(/[、,，;；/\s]+/).filter(Boolean)) {
		const key = normalizeWord(part);
		if (!Object.hasOwn(words, key)) return no(unknown);
		const v = words[key];
		if (v) out[v] = true;
	}
	return ok(out);
}

export function normalizeWord(s: string): string {
	return s.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}
