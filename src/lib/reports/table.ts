/**
 * What a report is before it becomes a file: a titled table with typed columns. The xlsx and
 * CSV writers read only this, so every report is written the same way and a test of a report
 * can look at its rows without opening a file.
 */

/** How a column's cells are written: dates and money as typed cells, never as text. */
export type ColumnType = 'text' | 'int' | 'number' | 'money' | 'date' | 'percent';

export interface Column<K extends string = string> {
	key: K;
	header: string;
	/** Width in characters (Excel's unit); a CJK character counts about two. */
	width: number;
	type: ColumnType;
	/** Offices total this column: the writer adds a 合计 row with its sum. */
	sum?: boolean;
}

/** A cell value: text, a number (money in yuan, percent as 0–1), a 'YYYY-MM-DD' date, or empty. */
export type Cell = string | number | undefined;

export type Row<K extends string = string> = { readonly [P in K]: Cell };

export interface Table<K extends string = string> {
	/** Sheet name (≤ 31 characters, none of []:*?/\ — the writer checks). */
	sheet: string;
	/** The ledger's title, e.g. 防止返贫监测排查台账. */
	title: string;
	/** 填报单位: the workspace's name. */
	unit: string;
	/** 所属期: '2025年10月', '2025年第四季度'. */
	period: string;
	/** 制表日期 (YYYY-MM-DD). */
	madeOn: string;
	columns: readonly Column<K>[];
	rows: readonly Row<K>[];
}

export function defineColumns<K extends string>(columns: readonly Column<K>[]) {
	return columns;
}

/** The 合计 of a column over a table's rows (money rounded to fen). */
export function columnSum(table: Table, key: string): number {
	let sum = 0;
	for (const row of table.rows) {
		const v = row[key];
		if (typeof v === 'number') sum += v;
	}
	return Math.round(sum * 100) / 100;
}

/** File-name safe, sheet-name safe text. */
export function safeSheetName(name: string): string {
	return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1';
}
