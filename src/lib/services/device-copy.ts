// This device's copy of a workspace, when its access was revoked (DESIGN.md "Storage
// promises": told so, shown what had not reached the relay, then the local copy removed):
// what the relay never confirmed, and removing every trace of the workspace from the device.
import { roomName, unconfirmedRecords } from '$lib/doc';
import type { BangfuDb } from '$lib/local/db';
import { forgetConfirmed } from '$lib/local/confirmed';
import { deleteDocDb, storedDocNames } from '$lib/local/persistence';
import { forgetPaints } from './first-paint';
import { forgetLastLooked } from './last-looked';
import { openEveryDocument } from './workspace-file';
import type { WorkspaceRuntime } from './workspace-runtime';

export interface NotReachedRecord {
	kind: string;
	id: string;
	/** The record's name, head of household, title or date; else its id. */
	title: string;
}

export interface NotReached {
	records: NotReachedRecord[];
	/** Photos and scans taken here that the relay never confirmed. */
	photos: number;
}

const TITLE_FIELDS = ['headName', 'name', 'title', 'date'] as const;

/**
 * What had not reached the relay, as far as the relay-confirmed snapshot kept per room tells
 * (local/confirmed.ts): every document this device holds is opened and compared with it.
 */
export async function notReachedRelay(
	runtime: WorkspaceRuntime,
	db: BangfuDb
): Promise<NotReached> {
	const stores = await openEveryDocument(runtime);
	const records: NotReachedRecord[] = [];
	for (const store of stores) {
		const confirmed = runtime.confirmedState(roomName(runtime.info.id, store.name));
		for (const r of unconfirmedRecords(store.doc, confirmed)) {
			// The workspace's own settings record is written by every owner's device on opening.
			if (r.kind === 'settings' || r.kind === 'alertDecision') continue;
			const raw = store.raw(r.kind, r.id) ?? {};
			const title = TITLE_FIELDS.map((f) => raw[f]).find((v) => typeof v === 'string' && v);
			records.push({ ...r, title: typeof title === 'string' ? title : r.id });
		}
	}
	const photos = await db.blobs
		.where('[workspaceId+state]')
		.equals([runtime.info.id, 'pending'])
		.count();
	return { records, photos };
}

/**
 * Removes the workspace from this device: its documents' databases, photos, list index,
 * relay-confirmed states and its row in the device's list (last, so a failure half-way still
 * lists it and can be retried). The workspace's session must be closed first.
 */
export async function removeLocalCopy(
	db: BangfuDb,
	workspaceId: string,
	knownDocs: readonly string[]
): Promise<void> {
	const stored = (await storedDocNames(workspaceId).catch(() => undefined)) ?? [];
	for (const name of new Set([...stored, ...knownDocs])) await deleteDocDb(workspaceId, name);
	await db.blobs.where('workspaceId').equals(workspaceId).delete();
	await db.listIndex.where('workspaceId').equals(workspaceId).delete();
	forgetConfirmed(workspaceId);
	forgetLastLooked(workspaceId);
	forgetPaints(workspaceId);
	await db.workspaces.delete(workspaceId);
}
