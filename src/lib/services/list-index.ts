// The household list's first-paint copy (see ListIndex in local/db.ts): display fields only,
// written in idle time after the list changes, read before the documents load.
import { listIndexSchema, type BangfuDb, type ListRow } from '$lib/local/db';
import type { JsonObject } from '$lib/doc';
import { zhCollator } from '$lib/collator';
import type { RecordRow } from './record-rows';

export type { ListRow };

const key = (workspaceId: string) => `${workspaceId}:household`;

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
	return rows
		.filter((r) => !r.deleted)
		.map((r) => householdListRow(r.id, r.raw))
		.sort((a, b) => zhCollator.compare(a.name, b.name));
}

export async function readHouseholdIndex(
	db: BangfuDb,
	workspaceId: string
): Promise<ListRow[] | undefined> {
	const parsed = listIndexSchema.safeParse(await db.listIndex.get(key(workspaceId)));
	return parsed.success ? parsed.data.rows : undefined;
}

export async function writeHouseholdIndex(
	db: BangfuDb,
	workspaceId: string,
	rows: ListRow[]
): Promise<void> {
	await db.listIndex.put({
		key: key(workspaceId),
		workspaceId,
		rows,
		savedAt: new Date().toISOString()
	});
}

export interface IndexKeeperOptions {
	db: BangfuDb;
	workspaceId: string;
	/** The households as stored (deleted ones included). */
	rows: () => readonly RecordRow[];
	/** Calls its argument after each change to the households; returns the stop. */
	observe: (changed: () => void) => () => void;
	/** How long after a change the index is written (one write per burst of changes). */
	delayMs?: number;
}

/**
 * Keeps the household list's first-paint copy on the device: written once now (the next
 * open should not have to wait for the documents, even if this one is closed within
 * seconds), then `delayMs` after the first of a burst of changes. Returns the stop.
 */
export function keepHouseholdIndex(opts: IndexKeeperOptions): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const write = () => {
		timer = undefined;
		void writeHouseholdIndex(opts.db, opts.workspaceId, householdListRows(opts.rows())).catch(
			() => {
				// The index is a convenience; the documents are the truth.
			}
		);
	};
	write();
	const stop = opts.observe(() => {
		if (timer === undefined) timer = setTimeout(write, opts.delayMs ?? 2_000);
	});
	return () => {
		stop();
		if (timer !== undefined) clearTimeout(timer);
	};
}
