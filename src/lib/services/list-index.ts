// The household list's first-paint copy (see ListIndex in local/db.ts): display fields only,
// written in idle time after the list changes, read before the documents load.
import { listIndexSchema, type BangfuDb, type ListRow } from '$lib/local/db';
import type { JsonObject } from '$lib/doc';

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
