/**
 * Reads the first sheet of an .xlsx (xlsx-cells.ts: fflate + saxes) or a .csv into plain
 * cells. The app loads it with `await import('$lib/import/read')` on the import screen.
 */
import { decodeText, parseCsv } from './csv-parse';
import { MAX_ROWS, type ImportCode } from './messages';
import { sniff } from './sniff';
import { readXlsxCells, TooManyRows, type XlsxCell, type XlsxSheet } from './xlsx-cells';

export type RawCell = XlsxCell;

/** Row 0 is the sheet's row 1, so problems name the row a person sees in Excel. */
export interface RawSheet {
	name: string;
	rows: RawCell[][];
}

export type ReadResult = { ok: true; sheet: RawSheet } | { ok: false; code: ImportCode };

function readXlsx(bytes: Uint8Array): ReadResult {
	let sheet: XlsxSheet | undefined;
	try {
		sheet = readXlsxCells(bytes, MAX_ROWS);
	} catch (e) {
		return { ok: false, code: e instanceof TooManyRows ? 'file.too_many_rows' : 'file.malformed' };
	}
	if (!sheet) return { ok: false, code: 'file.no_rows' };
	return { ok: true, sheet };
}

export async function readSpreadsheet(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
	const kind = sniff(bytes, fileName);
	if (typeof kind === 'object') return { ok: false, code: kind.problem };
	if (kind === 'xlsx') return readXlsx(bytes);
	const rows = parseCsv(decodeText(bytes));
	if (rows.length > MAX_ROWS) return { ok: false, code: 'file.too_many_rows' };
	return { ok: true, sheet: { name: fileName, rows } };
}
