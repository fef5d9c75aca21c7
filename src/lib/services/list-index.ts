// A list's first-paint copy (see ListIndex in local/db.ts) — the households of a work group,
// the students of a school: display fields only, written in idle time after the list changes,
// read before the documents load. One mechanism for every subject kind (LIST_SUBJECTS); the
// household-named functions are that mechanism for households.
import { isListRow, readStoredRow, type BangfuDb, type ListRow } from '$lib/local/db';
import type { JsonObject } from '$lib/doc';
import { zhCollator } from '$lib/collator';
import type { RecordRow } from './record-rows';

export type { ListRow };

/** The kinds of record whose list paints from an index. */
export type ListSubject = 'household' | 'student';

const key = (workspaceId: string, subject: ListSubject) => `${workspaceId}:${subject}`;

const text = (raw: JsonObject, k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');

/** The display fields of a household as lists show them. */
export function householdListRow(id: string, raw: JsonObject): ListRow {
	const type = text(raw, 'type');
	return {
		id,
		name: text(raw, 'headName') || id,
		place: [text(raw, 'village'), text(raw, 'group')].filter(Boolean).join(' · '),
		...(type ? { type } : {})
	};
}

/** The households a list shows: not deleted, display fields, sorted by name. */
export function householdListRows(rows: readonly RecordRow[]): ListRow[] {
	return listRows('household', rows);
}

/** The display fields of a student as the student list shows them (teachers come later). */
export function studentListRow(id: string, raw: JsonObject): ListRow {
	const cats = raw['categories'];
	const tags =
		typeof cats === 'object' && cats && !Array.isArray(cats)
			? Object.entries(cats)
					.filter(([, on]) => on === true)
					.map(([c]) => c)
			: [];
	return {
		id,
		name: text(raw, 'name') || id,
		place: text(raw, 'className'),
		...(tags.length ? { tags } : {})
	};
}

/** How each subject's rows are made. */
export const LIST_SUBJECTS: Record<ListSubject, (id: string, raw: JsonObject) => ListRow> = {
	household: householdListRow,
	student: studentListRow
};

/** The records a list shows: not deleted, display fields, sorted by name. */
export function listRows(subject: ListSubject, rows: readonly RecordRow[]): ListRow[] {
	const row = LIST_SUBJECTS[subject];
	return rows
		.filter((r) => !r.deleted)
		.map((r) => row(r.id, r.raw))
		.sort((a, b) => zhCollator.compare(a.name, b.name));
}

export async function readListIndex(
	db: BangfuDb,
	workspaceId: string,
	subject: ListSubject
): Promise<ListRow[] | undefined> {
	// A plain IndexedDB read of Dexie's row, checked by hand: the list paints from it before
	// anything else, and zod over 2,000 rows (plus Dexie's own open) was part of that wait.
	// A row of another shape is no index: the documents' path paints the list instead.
	const stored = await readStoredRow(db.name, 'listIndex', key(workspaceId, subject));
	const rows = (stored as { rows?: unknown } | undefined)?.rows;
	return Array.isArray(rows) && rows.every(isListRow) ? rows : undefined;
}

export async function writeListIndex(
	db: BangfuDb,
	workspaceId: string,
	subject: ListSubject,
	rows: ListRow[]
): Promise<void> {
	await db.listIndex.put({
		key: key(workspaceId, subject),
		workspaceId,
		rows,
		savedAt: new Date().toISOString()
	});
}

export async function readHouseholdIndex(
	db: BangfuDb,
	workspaceId: string
): Promise<ListRow[] | undefined> {
	return readListIndex(db, workspaceId, 'household');
}

export async function writeHouseholdIndex(
	db: BangfuDb,
	workspaceId: string,
	rows: ListRow[]
): Promise<void> {
	await writeListIndex(db, workspaceId, 'household', rows);
}

export interface IndexKeeperOptions {
	db: BangfuDb;
	workspaceId: string;
	/** The records as stored (deleted ones included). */
	rows: () => readonly RecordRow[];
	/** One record as stored, if the keeper may skip changes that leave its row as it was. */
	rowOf?: (id: string) => RecordRow | undefined;
	/** Calls its argument after each change to the records (with their ids); returns the stop. */
	observe: (changed: (ids?: ReadonlySet<string>) => void) => () => void;
	/** How long after a change the index is written (one write per burst of changes). */
	delayMs?: number;
}

/**
 * Keeps the household list's first-paint copy on the device: written once now (the next
 * open should not have to wait for the documents, even if this one is closed within
 * seconds), then `delayMs` after the first of a burst of changes. Returns the stop.
 */
export function keepHouseholdIndex(opts: IndexKeeperOptions): () => void {
	return keepListIndex({ ...opts, subject: 'household' });
}

/**
 * `keepHouseholdIndex` for any subject's list. A change that leaves every changed record's
 * row as written (typing in a household's notes) writes nothing: rewriting a county's index
 * is ~0.4 s of main thread at 4×, and it came every two seconds of typing.
 */
export function keepListIndex(opts: IndexKeeperOptions & { subject: ListSubject }): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let written = new Map<string, string>();
	const shown = (id: string) => {
		const r = opts.rowOf?.(id);
		return r && !r.deleted ? JSON.stringify(LIST_SUBJECTS[opts.subject](id, r.raw)) : undefined;
	};
	const write = () => {
		timer = undefined;
		const rows = listRows(opts.subject, opts.rows());
		written = new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
		void writeListIndex(opts.db, opts.workspaceId, opts.subject, rows).catch(() => {
			// The index is a convenience; the documents are the truth.
		});
	};
	write();
	const stop = opts.observe((ids) => {
		if (timer !== undefined) return;
		if (ids && opts.rowOf && [...ids].every((id) => written.get(id) === shown(id))) return;
		timer = setTimeout(write, opts.delayMs ?? 2_000);
	});
	return () => {
		stop();
		if (timer !== undefined) clearTimeout(timer);
	};
}

/**
 * The first-paint indexes an open workspace keeps: its households always, and in a school
 * its students too. Returns the stop of both.
 */
export function keepWorkspaceIndexes(opts: {
	db: BangfuDb;
	workspaceId: string;
	school: boolean;
	rows: (subject: ListSubject) => readonly RecordRow[];
	rowOf?: (subject: ListSubject, id: string) => RecordRow | undefined;
	observe: (subject: ListSubject, changed: (ids?: ReadonlySet<string>) => void) => () => void;
}): () => void {
	const subjects: ListSubject[] = opts.school ? ['household', 'student'] : ['household'];
	const stops = subjects.map((subject) =>
		keepListIndex({
			db: opts.db,
			workspaceId: opts.workspaceId,
			subject,
			rows: () => opts.rows(subject),
			rowOf: (id) => opts.rowOf?.(subject, id),
			observe: (fn) => opts.observe(subject, fn)
		})
	);
	return () => stops.forEach((stop) => stop());
}
