/** Test-only helpers: a seeded workspace read the way the app reads it, and xlsx read-back. */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Dataset } from '../../../tests/factories';
import { openDatasetDocs, populateWorkspace } from '../../../tests/factories';
import { readReportInput } from '../services/report-source';
import type { ReportInput } from './input';

export async function inputFrom(ds: Dataset): Promise<ReportInput> {
	const docs = await openDatasetDocs(ds);
	await populateWorkspace(docs, ds);
	const input = await readReportInput(docs, { years: ds.years });
	docs.destroy();
	return input;
}

const TYPE_NAMES: Record<number, string> = {
	[ExcelJS.ValueType.Null]: 'null',
	[ExcelJS.ValueType.Merge]: 'merge',
	[ExcelJS.ValueType.Number]: 'number',
	[ExcelJS.ValueType.String]: 'string',
	[ExcelJS.ValueType.Date]: 'date',
	[ExcelJS.ValueType.Formula]: 'formula',
	[ExcelJS.ValueType.Boolean]: 'boolean'
};

export type ReadCell = { t: string; v: unknown; fmt?: string };

export interface ReadSheet {
	name: string;
	merges: string[];
	frozen: { state?: string; ySplit?: number };
	widths: (number | undefined)[];
	rowCount: number;
	rows: ReadCell[][];
}

/** Opens an .xlsx with exceljs and lists what a person would see, cell by cell. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet[]> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(
		bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
	);
	return wb.worksheets.map((ws) => {
		const rows: ReadCell[][] = [];
		ws.eachRow({ includeEmpty: true }, (row, n) => {
			const cells: ReadCell[] = [];
			for (let c = 1; c <= ws.columnCount; c++) {
				const cell = row.getCell(c);
				const v = cell.value;
				const t = TYPE_NAMES[cell.type] ?? String(cell.type);
				const value =
					v instanceof Date
						? v.toISOString()
						: typeof v === 'object' && v && 'formula' in v
							? { formula: v.formula, result: v.result }
							: v;
				cells.push(
					cell.numFmt && t !== 'null' && t !== 'merge' && t !== 'string'
						? { t, v: value, fmt: cell.numFmt }
						: { t, v: value }
				);
			}
			rows[n - 1] = cells;
		});
		const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
		return {
			name: ws.name,
			merges: [...(ws.model.merges ?? [])],
			frozen: { state: view?.state, ySplit: view?.ySplit },
			widths: ws.columns.map((c) => c.width),
			rowCount: ws.rowCount,
			rows
		};
	});
}

/**
 * Compares `value` with the golden JSON file of that name; UPDATE_GOLDEN=1 rewrites it. A
 * changed golden shows up in review as a diff of what offices would receive.
 */
export function expectGolden(name: string, value: unknown) {
	const file = join(import.meta.dirname, 'fixtures', `${name}.golden.json`);
	const text = JSON.stringify(value, null, '\t') + '\n';
	if (process.env['UPDATE_GOLDEN']) writeFileSync(file, text);
	if (!existsSync(file))
		throw new Error(`no golden ${file}: run with UPDATE_GOLDEN=1 and review it`);
	expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
