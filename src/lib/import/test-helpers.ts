/** Test-only: spreadsheets built cell by cell, and a document's exact bytes. */
import ExcelJS from 'exceljs';
import * as Y from 'yjs';

export async function xlsxOf(
	rows: unknown[][],
	opts: { title?: string } = {}
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Sheet1');
	if (opts.title) ws.addRow([opts.title]);
	for (const r of rows) ws.addRow(r);
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function csvOf(rows: unknown[][], bom = true): Uint8Array {
	const text = rows
		.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))).join(','))
		.join('\r\n');
	return new TextEncoder().encode((bom ? '\uFEFF' : '') + text + '\r\n');
}

export function bytesOf(doc: Y.Doc): Uint8Array {
	return Y.encodeStateAsUpdate(doc);
}
