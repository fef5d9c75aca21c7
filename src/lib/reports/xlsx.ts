/**
 * Writes report tables as a real .xlsx with exceljs. This module imports exceljs (~1 MB), so
 * the app loads it with `await import('$lib/reports/xlsx')` when a file is made, never from
 * the shell. Dates are date cells, money and counts number cells, never text.
 */
import ExcelJS from 'exceljs';
import { columnSum, safeSheetName, type Cell, type Column, type Table } from './table';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows above the data: merged title, merged unit/period/date line, headers. */
export const HEADER_ROWS = 3;

const FORMATS: Record<Column['type'], string | undefined> = {
	text: '@',
	int: '0',
	number: '0.##',
	money: '#,##0.00',
	date: 'yyyy-mm-dd',
	percent: '0.0%'
};

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = 'SimSun';

/** The style of a data cell of a column of this type (number format, border, font). */
function dataStyle(type: Column['type']): Partial<ExcelJS.Style> {
	const fmt = FORMATS[type];
	return {
		...(fmt ? { numFmt: fmt } : {}),
		border,
		font: { name: FONT, size: 10 },
		alignment: { vertical: 'middle', wrapText: type === 'text' }
	};
}

/** A cell as exceljs wants it: dates at UTC midnight (exceljs converts in UTC). */
function cellValue(col: Column, v: Cell): ExcelJS.CellValue {
	if (v === undefined || v === '') return null;
	if (col.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
		return new Date(`${v}T00:00:00.000Z`);
	return v;
}

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

function addSheet(wb: ExcelJS.Workbook, t: Table, name: string) {
	const ws = wb.addWorksheet(name, {
		views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROWS }],
		pageSetup: {
			paperSize: 9,
			orientation: t.columns.length > 8 ? 'landscape' : 'portrait',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			printTitlesRow: `${HEADER_ROWS}:${HEADER_ROWS}`
		}
	});
	const n = t.columns.length;
	const last = columnLetter(n);
	ws.columns = t.columns.map((c) => ({ key: c.key, width: c.width }));
	ws.mergeCells(`A1:${last}1`);
	ws.mergeCells(`A2:${last}2`);
	const title = ws.getCell('A1');
	title.value = t.title;
	title.font = { name: FONT, size: 16, bold: true };
	title.alignment = { horizontal: 'center', vertical: 'middle' };
	ws.getRow(1).height = 30;
	const sub = ws.getCell('A2');
	sub.value = subtitle(t);
	sub.font = { name: FONT, size: 10 };
	sub.alignment = { horizontal: 'left', vertical: 'middle' };
	const head = ws.getRow(HEADER_ROWS);
	t.columns.forEach((c, i) => {
		const cell = head.getCell(i + 1);
		cell.value = c.header;
		cell.font = { name: FONT, size: 11, bold: true };
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
		cell.border = border;
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
	});
	head.height = 32;
	// One style object per column, shared by its data cells: exceljs serialises a cell's style
	// to find its id unless it has seen that very object before (a WeakMap), and a style per
	// cell made that the ledger's main cost (4 of 4.4 s for 5,358 rows; docs/benchmarks.md).
	// Nothing mutates a cell's style after this, so sharing is safe.
	const styles = t.columns.map((c) => dataStyle(c.type));
	t.rows.forEach((row, r) => {
		const xr = ws.getRow(HEADER_ROWS + 1 + r);
		t.columns.forEach((c, i) => {
			const cell = xr.getCell(i + 1);
			cell.value = cellValue(c, row[c.key]);
			cell.style = styles[i] ?? dataStyle(c.type);
		});
	});
	if (t.columns.some((c) => c.sum)) {
		const at = HEADER_ROWS + 1 + t.rows.length;
		const xr = ws.getRow(at);
		const firstData = HEADER_ROWS + 1;
		t.columns.forEach((c, i) => {
			const cell = xr.getCell(i + 1);
			cell.border = border;
			cell.font = { name: FONT, size: 10, bold: true };
			if (i === 0) cell.value = '合计';
			else if (c.sum) {
				const letter = columnLetter(i + 1);
				// The result is stored too, so viewers that do not recalculate show the total.
				cell.value = {
					formula: t.rows.length ? `SUM(${letter}${firstData}:${letter}${at - 1})` : '0',
					result: columnSum(t, c.key)
				};
				const fmt = FORMATS[c.type];
				if (fmt) cell.numFmt = fmt;
			}
		});
	}
}

/** One workbook, a sheet per table, as the bytes of an .xlsx file. */
export async function writeXlsx(
	tables: readonly Table[],
	opts: { creator?: string } = {}
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = opts.creator ?? '幫扶 Bangfu';
	wb.created = new Date(`${tables[0]?.madeOn ?? '2000-01-01'}T00:00:00.000Z`);
	// Totals are formulas with their result stored; a zero result is not stored by exceljs,
	// so ask Excel/WPS to recalculate on open.
	wb.calcProperties.fullCalcOnLoad = true;
	const used = new Set<string>();
	for (const t of tables) {
		let name = safeSheetName(t.sheet);
		for (let i = 2; used.has(name); i++) name = safeSheetName(`${t.sheet.slice(0, 28)}(${i})`);
		used.add(name);
		addSheet(wb, t, name);
	}
	const buffer = await wb.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
