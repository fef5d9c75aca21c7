/**
 * The cell values of an .xlsx's sheets, read straight from its XML parts: fflate unzips,
 * `xlsx-scan.ts` scans the sheet data and shared strings, saxes parses the rest and whatever
 * the scanner does not read (entities, well-formedness). exceljs builds a full workbook model with a style
 * object per cell and took ~4 s (unthrottled) to read a 2,000-household roster that this reads
 * in a fraction of that (docs/benchmarks.md); an import needs values only. Dates are number
 * cells with a date format, turned into Dates as exceljs does (UTC, 1900 or 1904 system).
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { scanSharedStrings, scanSheetData } from './xlsx-scan';

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxSheet {
	name: string;
	/** rows[r][c]: sheet row r + 1, column c + 1; missing rows and cells are empty. */
	rows: XlsxCell[][];
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, and the CJK ones). */
const DATE_FORMAT_IDS = new Set([
	14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
	52, 53, 54, 55, 56, 57, 58
]);

/** As exceljs decides: date letters outside quotes and [brackets]. */
function isDateFormat(code: string): boolean {
	return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelDate(serial: number, date1904: boolean): Date {
	return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Column index (0-based) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
	let n = 0;
	for (let i = 0; i < ref.length; i++) {
		const c = ref.charCodeAt(i);
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	return n - 1;
}

type Open = (name: string, attrs: Record<string, string>) => void;

function parse(xml: string, open: Open, text?: (t: string) => void, close?: (n: string) => void) {
	const p = new SaxesParser({ position: false });
	p.on('error', (e) => {
		throw e;
	});
	p.on('opentag', (t) => open(localName(t.name), t.attributes as Record<string, string>));
	if (text) {
		p.on('text', text);
		p.on('cdata', text);
	}
	if (close) p.on('closetag', (t) => close(localName(t.name)));
	p.write(xml).close();
}

const localName = (n: string) => n.slice(n.indexOf(':') + 1);

/** Shared strings: the plain text of each <si>, phonetic runs (<rPh>) left out. */
function sharedStrings(xml: string | undefined): string[] {
	if (!xml) return [];
	const scanned = scanSharedStrings(xml);
	if (scanned) return scanned;
	const out: string[] = [];
	let current = '';
	let inT = false;
	let phonetic = 0;
	parse(
		xml,
		(n) => {
			if (n === 'si') current = '';
			else if (n === 't') inT = phonetic === 0;
			else if (n === 'rPh') phonetic++;
		},
		(t) => {
			if (inT) current += t;
		},
		(n) => {
			if (n === 't') inT = false;
			else if (n === 'rPh') phonetic--;
			else if (n === 'si') out.push(current);
		}
	);
	return out;
}

/** Which cell style indexes (<cellXfs>) format numbers as dates. */
function dateStyles(xml: string | undefined): boolean[] {
	const out: boolean[] = [];
	if (!xml) return out;
	const custom = new Map<number, string>();
	let inCellXfs = false;
	parse(
		xml,
		(n, a) => {
			if (n === 'numFmt') custom.set(Number(a['numFmtId']), a['formatCode'] ?? '');
			else if (n === 'cellXfs') inCellXfs = true;
			else if (n === 'xf' && inCellXfs) {
				const id = Number(a['numFmtId'] ?? 0);
				const code = custom.get(id);
				out.push(code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code));
			}
		},
		undefined,
		(n) => {
			if (n === 'cellXfs') inCellXfs = false;
		}
	);
	return out;
}

interface Context {
	strings: string[];
	dates: boolean[];
	date1904: boolean;
}

/** The sheet's rows by the fast scanner, the rest of the part checked by saxes. */
function scannedRows(xml: string, ctx: Context, maxRows: number): XlsxCell[][] | undefined {
	const rows: XlsxCell[][] = [];
	let row: XlsxCell[] = [];
	let nextRow = 0;
	let col = 0;
	const rest = scanSheetData(
		xml,
		(n) => {
			const r = n === undefined ? nextRow : n - 1;
			if (!(r >= nextRow) || !Number.isInteger(r)) throw new Error('rows out of order');
			if (r >= maxRows) throw new TooManyRows();
			rows[r] = row = [];
			nextRow = r + 1;
			col = 0;
		},
		(c, type, style, value) => {
			if (c >= 0) col = c;
			row[col] = cellValue(type, value, style, ctx);
			col++;
		}
	);
	if (!rest) return undefined;
	parse(rest.before + rest.after, () => {});
	return Array.from(rows, (r) => (r ? Array.from(r, (c) => c ?? null) : []));
}

function sheetRows(xml: string, ctx: Context, maxRows: number): XlsxCell[][] {
	const scanned = scannedRows(xml, ctx, maxRows);
	if (scanned) return scanned;
	const rows: XlsxCell[][] = [];
	let row: XlsxCell[] = [];
	let nextRow = 0;
	let col = 0;
	let type = 'n';
	let style = 0;
	let value = '';
	let inValue = false;
	let inInline = false;
	parse(
		xml,
		(n, a) => {
			if (n === 'row') {
				const r = a['r'] ? Number(a['r']) - 1 : nextRow;
				if (r >= maxRows) throw new TooManyRows();
				rows[r] = row = [];
				nextRow = r + 1;
				col = 0;
			} else if (n === 'c') {
				col = a['r'] ? columnOf(a['r']) : col;
				type = a['t'] ?? 'n';
				style = Number(a['s'] ?? 0);
				value = '';
			} else if (n === 'v') inValue = true;
			else if (n === 'is') inInline = true;
		},
		(t) => {
			if (inValue || inInline) value += t;
		},
		(n) => {
			if (n === 'v') inValue = false;
			else if (n === 'is') inInline = false;
			else if (n === 'c') {
				row[col] = cellValue(type, value, style, ctx);
				col++;
			}
		}
	);
	return Array.from(rows, (r) => (r ? Array.from(r, (c) => c ?? null) : []));
}

function cellValue(type: string, v: string, style: number, ctx: Context): XlsxCell {
	switch (type) {
		case 's':
			return ctx.strings[Number(v)] ?? null;
		case 'str':
		case 'inlineStr':
			return v;
		case 'b':
			return v === '1';
		case 'e':
			return null;
		default: {
			if (v === '') return null;
			const n = Number(v);
			if (!Number.isFinite(n)) return null;
			return ctx.dates[style] ? excelDate(n, ctx.date1904) : n;
		}
	}
}

export class TooManyRows extends Error {}

/**
 * The first sheet (in workbook order) that has a row, else the first sheet; undefined when
 * the file holds no sheet. Throws on a broken zip or XML (the caller says "malformed") and
 * TooManyRows past `maxRows`.
 */
export function readXlsxCells(bytes: Uint8Array, maxRows: number): XlsxSheet | undefined {
	const files = unzipSync(bytes, {
		filter: (f) => (f.name.startsWith('xl/') && f.name.endsWith('.xml')) || f.name.endsWith('.rels')
	});
	const decoder = new TextDecoder();
	const part = (name: string) => {
		const b = files[name];
		return b ? decoder.decode(b) : undefined;
	};
	const workbook = part('xl/workbook.xml');
	if (!workbook) throw new Error('no workbook');
	const targets = new Map<string, string>();
	parse(part('xl/_rels/workbook.xml.rels') ?? '<Relationships/>', (n, a) => {
		if (n === 'Relationship' && a['Id'] && a['Target']) targets.set(a['Id'], a['Target']);
	});
	const sheets: { name: string; path: string }[] = [];
	let date1904 = false;
	parse(workbook, (n, a) => {
		if (n === 'workbookPr') date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
		if (n !== 'sheet') return;
		const target = targets.get(a['r:id'] ?? '') ?? '';
		const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
		sheets.push({ name: a['name'] ?? '', path });
	});
	const ctx = {
		strings: sharedStrings(part('xl/sharedStrings.xml')),
		dates: dateStyles(part('xl/styles.xml')),
		date1904
	};
	let first: XlsxSheet | undefined;
	for (const s of sheets) {
		const xml = part(s.path);
		if (xml === undefined) continue;
		const sheet = { name: s.name, rows: sheetRows(xml, ctx, maxRows) };
		if (sheet.rows.length > 0) return sheet;
		first ??= sheet;
	}
	return first;
}
