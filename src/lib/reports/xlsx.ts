/**
 * Writes report tables as a real .xlsx: the sheet XML made here for our one fixed layout,
 * zipped by fflate. exceljs built a model object per cell and serialised it, 4 of the 9.6 s
 * (4× CPU) of the county ledger's tap (docs/benchmarks.md, "Issue 13, round 2"); the layout
 * never varies, so the parts are a few templates (`xlsx-parts.ts`). The tests read every file
 * back with exceljs (sheet names, merged title, headers, cell types and values, goldens).
 * Dates are date cells, money and counts number cells, never text. The app loads this module
 * with `await import('$lib/reports/xlsx')` when a file is made.
 */
import { strToU8, zipSync } from 'fflate';
import { columnSum, safeSheetName, type Cell, type Column, type Table } from './table';
import * as part from './xlsx-parts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows above the data: merged title, merged unit/period/date line, headers. */
export const HEADER_ROWS = 3;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** Days from Excel's day 0 (1899-12-30, the 1900 system) to 1970-01-01. */
const EPOCH_DAYS = 25569;

function columnLetter(n: number): string {
	let s = '';
	for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
		s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
	return s;
}

/** The line under the title: 填报单位, 所属期, 制表日期. */
export function subtitle(t: Pick<Table, 'unit' | 'period' | 'madeOn'>): string {
	return `填报单位：${t.unit}\u3000\u3000所属期：${t.period}\u3000\u3000制表日期：${t.madeOn}`;
}

/** The workbook's shared strings, each stored once. */
class Strings {
	readonly list: string[] = [];
	private readonly index = new Map<string, number>();
	id(s: string): number {
		let i = this.index.get(s);
		if (i === undefined) {
			i = this.list.length;
			this.list.push(s);
			this.index.set(s, i);
		}
		return i;
	}
}

/** One cell's XML: a shared string, a number, a date serial or, empty, only its style. */
function cellXml(ref: string, style: number, col: Column, v: Cell, strings: Strings): string {
	if (v === undefined || v === '') return `<c r="${ref}" s="${style}"/>`;
	if (typeof v === 'number')
		return Number.isFinite(v)
			? `<c r="${ref}" s="${style}"><v>${v}</v></c>`
			: `<c r="${ref}" s="${style}"/>`;
	if (col.type === 'date' && DATE.test(v)) {
		const days = Date.parse(`${v}T00:00:00.000Z`) / DAY_MS + EPOCH_DAYS;
		if (Number.isFinite(days)) return `<c r="${ref}" s="${style}"><v>${days}</v></c>`;
	}
	return `<c r="${ref}" s="${style}" t="s"><v>${strings.id(v)}</v></c>`;
}

function sheetXml(t: Table, strings: Strings): string {
	const n = t.columns.length;
	const letters = t.columns.map((_, i) => columnLetter(i + 1));
	const last = letters[n - 1] ?? 'A';
	const out: string[] = [];
	const header = (r: number, height: number, style: number, first: string) => {
		let s = `<row r="${r}" ht="${height}" customHeight="1"><c r="A${r}" s="${style}" t="s"><v>${strings.id(first)}</v></c>`;
		for (let i = 1; i < n; i++) s += `<c r="${letters[i]}${r}" s="${style}"/>`;
		out.push(s + '</row>');
	};
	header(1, 30, part.XF.title, t.title);
	out.push(
		`<row r="2"><c r="A2" s="${part.XF.subtitle}" t="s"><v>${strings.id(subtitle(t))}</v></c>` +
			letters
				.slice(1)
				.map((l) => `<c r="${l}2" s="${part.XF.subtitle}"/>`)
				.join('') +
			'</row>'
	);
	out.push(
		`<row r="${HEADER_ROWS}" ht="32" customHeight="1">` +
			t.columns
				.map(
					(c, i) =>
						`<c r="${letters[i]}${HEADER_ROWS}" s="${part.XF.header}" t="s"><v>${strings.id(c.header)}</v></c>`
				)
				.join('') +
			'</row>'
	);
	const styles = t.columns.map((c) => part.XF.data(c.type));
	for (let r = 0; r < t.rows.length; r++) {
		const row = t.rows[r]!;
		const at = HEADER_ROWS + 1 + r;
		let s = `<row r="${at}">`;
		for (let i = 0; i < n; i++) {
			const c = t.columns[i]!;
			s += cellXml(`${letters[i]}${at}`, styles[i]!, c, row[c.key], strings);
		}
		out.push(s + '</row>');
	}
	if (t.columns.some((c) => c.sum)) {
		const at = HEADER_ROWS + 1 + t.rows.length;
		let s = `<row r="${at}">`;
		t.columns.forEach((c, i) => {
			const ref = `${letters[i]}${at}`;
			if (i === 0)
				s += `<c r="${ref}" s="${part.XF.sumPlain}" t="s"><v>${strings.id('合计')}</v></c>`;
			else if (!c.sum) s += `<c r="${ref}" s="${part.XF.sumPlain}"/>`;
			else {
				// The result is stored too, so viewers that do not recalculate show the total.
				const f = t.rows.length
					? `SUM(${letters[i]}${HEADER_ROWS + 1}:${letters[i]}${at - 1})`
					: '0';
				s += `<c r="${ref}" s="${part.XF.sum(c.type)}"><f>${f}</f><v>${columnSum(t, c.key)}</v></c>`;
			}
		});
		out.push(s + '</row>');
	}
	const cols = t.columns
		.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
		.join('');
	const landscape = n > 8 ? 'landscape' : 'portrait';
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
		'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
		'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
		'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
		`<dimension ref="A1:${last}${HEADER_ROWS + t.rows.length + 1}"/>` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${HEADER_ROWS}" topLeftCell="A${HEADER_ROWS + 1}" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A${HEADER_ROWS + 1}" sqref="A${HEADER_ROWS + 1}"/></sheetView></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
		`<sheetData>${out.join('')}</sheetData>` +
		(n > 1
			? `<mergeCells count="2"><mergeCell ref="A1:${last}1"/><mergeCell ref="A2:${last}2"/></mergeCells>`
			: '') +
		'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
		`<pageSetup paperSize="9" orientation="${landscape}" fitToWidth="1" fitToHeight="0"/>` +
		'</worksheet>'
	);
}

/** One workbook, a sheet per table, as the bytes of an .xlsx file. */
export async function writeXlsx(
	tables: readonly Table[],
	opts: { creator?: string } = {}
): Promise<Uint8Array> {
	const names: string[] = [];
	for (const t of tables) {
		let name = safeSheetName(t.sheet);
		for (let i = 2; names.includes(name); i++)
			name = safeSheetName(`${t.sheet.slice(0, 28)}(${i})`);
		names.push(name);
	}
	const strings = new Strings();
	const files: Record<string, Uint8Array> = {};
	tables.forEach((t, i) => {
		files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(t, strings));
	});
	const created = `${tables[0]?.madeOn ?? '2000-01-01'}T00:00:00Z`;
	Object.assign(files, {
		'[Content_Types].xml': strToU8(part.contentTypes(tables.length)),
		'_rels/.rels': strToU8(part.rootRels()),
		'docProps/core.xml': strToU8(part.coreProps(opts.creator ?? '幫扶 Bangfu', created)),
		'docProps/app.xml': strToU8(part.appProps()),
		'xl/workbook.xml': strToU8(part.workbookXml(names)),
		'xl/_rels/workbook.xml.rels': strToU8(part.workbookRels(tables.length)),
		'xl/styles.xml': strToU8(part.stylesXml()),
		'xl/sharedStrings.xml': strToU8(part.sharedStringsXml(strings.list))
	});
	// Level 3: 40% less CPU than the default 6 for a file about 8% larger (docs/benchmarks.md).
	return zipSync(files, { level: 3 });
}
