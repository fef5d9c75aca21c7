/**
 * Reads the first sheet of an .xlsx (exceljs) or a .csv into plain cells. This module pulls in
 * exceljs: the app loads it with `await import('$lib/import/read')` on the import screen.
 */
import ExcelJS from 'exceljs';
import { decodeText, parseCsv } from './csv-parse';
import { MAX_ROWS, type ImportCode } from './messages';
import { sniff } from './sniff';

export type RawCell = string | number | boolean | Date | null;

/** Row 0 is the sheet's row 1, so problems name the row a person sees in Excel. */
export interface RawSheet {
	name: string;
	rows: RawCell[][];
}

export type ReadResult = { ok: true; sheet: RawSheet } | { ok: false; code: ImportCode };

function plain(v: ExcelJS.CellValue): RawCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
	if (v instanceof Date) return v;
	if ('richText' in v) return v.richText.map((t) => t.text).join('');
	if ('formula' in v || 'sharedFormula' in v) {
		const r = (v as { result?: unknown }).result;
		return r instanceof Date || typeof r === 'string' || typeof r === 'number' ? r : null;
	}
	if ('text' in v && typeof v.text === 'string') return v.text;
	return null;
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(
			bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
		);
	} catch {
		return { ok: false, code: 'file.malformed' };
	}
	const ws = wb.worksheets.find((w) => w.rowCount > 0) ?? wb.worksheets[0];
	if (!ws) return { ok: false, code: 'file.no_rows' };
	if (ws.rowCount > MAX_ROWS) return { ok: false, code: 'file.too_many_rows' };
	const rows: RawCell[][] = [];
	ws.eachRow({ includeEmpty: false }, (row, n) => {
		const cells: RawCell[] = [];
		row.eachCell({ includeEmpty: true }, (cell, c) => {
			// Merged cells repeat the master's value; only the master carries it.
			cells[c - 1] = cell.isMerged && cell.master !== cell ? null : plain(cell.value);
		});
		rows[n - 1] = Array.from(cells, (c) => c ?? null);
	});
	return { ok: true, sheet: { name: ws.name, rows: Array.from(rows, (r) => r ?? []) } };
}

export async function readSpreadsheet(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
	const kind = sniff(bytes, fileName);
	if (typeof kind === 'object') return { ok: false, code: kind.problem };
	if (kind === 'xlsx') return readXlsx(bytes);
	const rows = parseCsv(decodeText(bytes));
	if (rows.length > MAX_ROWS) return { ok: false, code: 'file.too_many_rows' };
	return { ok: true, sheet: { name: fileName, rows } };
}
