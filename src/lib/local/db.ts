// The device's own tables (Dexie over IndexedDB): which workspaces this device has joined,
// who uses the device, and photo/scan blobs. Workspace documents themselves live in
// y-indexeddb databases (see persistence.ts); nothing here leaves the device except to the
// workspace's own relay.
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { Role } from '$lib/sync/protocol';

/** The member roles are the relay's (protocol.ts): defined once, for both sides. */
export const roleSchema = Role;
export type { Role };

export const workspaceKindSchema = z.enum(['school', 'village', 'pairing']);
export type WorkspaceKind = z.infer<typeof workspaceKindSchema>;

/** A workspace this device has created or joined. */
export const joinedWorkspaceSchema = z.object({
	id: z.string().min(1),
	name: z.string().min(1),
	kind: workspaceKindSchema,
	role: roleSchema,
	/** Set once the workspace is connected to a relay (ws:// or wss:// base, e.g. wss://host/sync). */
	relayUrl: z.string().optional(),
	token: z.string().optional(),
	/** "This device is …": the team member who uses this device in this workspace. */
	memberId: z.string().optional(),
	createdAt: z.string(),
	lastOpenedAt: z.string()
});
export type JoinedWorkspace = z.infer<typeof joinedWorkspaceSchema>;

export const deviceSchema = z.object({
	key: z.literal('device'),
	/** Stable per device: the `updatedBy` actor when no name is set, and Yjs awareness id. */
	deviceId: z.string().min(1),
	displayName: z.string()
});
export type Device = z.infer<typeof deviceSchema>;

/**
 * Where a blob stands: `pending` (taken here, waiting for the relay), `uploaded` (the relay
 * confirmed it holds it), `remote` (fetched from the relay, cached here), `refused` (the
 * relay will never take it, e.g. too large: kept here, shown, never retried).
 */
export const blobStates = ['pending', 'uploaded', 'remote', 'refused'] as const;
export type BlobState = (typeof blobStates)[number];

/** A photo or signed scan, content-addressed like the relay's blob store. */
export interface BlobRow {
	sha256: string;
	workspaceId: string;
	type: string;
	size: number;
	data: Blob;
	/** Whether the relay has confirmed it holds the blob (kept for rows of version 1–2). */
	uploaded: boolean;
	state: BlobState;
	/** Failed upload attempts so far, and when the next may start (ms since epoch). */
	attempts: number;
	nextAttemptAt: number;
	/** The relay's error code when it refused the blob. */
	error?: string;
	createdAt: string;
}

/** One row of a list as the first screen shows it (display fields only, no validation). */
export const listRowSchema = z.object({
	id: z.string(),
	name: z.string(),
	place: z.string(),
	type: z.string().optional(),
	/** Codes a list shows as words (a student's categories). */
	tags: z.array(z.string()).optional()
});
export type ListRow = z.infer<typeof listRowSchema>;

/**
 * 列表索引: a small copy of a workspace's household (or student) list, written after changes, so the list
 * paints from it before the workspace's documents have loaded. The documents stay the truth.
 */
export const listIndexSchema = z.object({
	key: z.string(),
	workspaceId: z.string(),
	rows: z.array(listRowSchema),
	savedAt: z.string()
});
export type ListIndex = z.infer<typeof listIndexSchema>;

/**
 * One row of one of BangfuDb's stores by its key, read with plain IndexedDB (the same
 * database and store Dexie wrote; no Dexie open, no schema upgrade). For the first paint,
 * which needs one row before anything else. Never creates the database: when it does not
 * exist yet the open's upgrade is aborted and the answer is undefined.
 */
export function readStoredRow(dbName: string, store: string, key: string): Promise<unknown> {
	return new Promise((resolve) => {
		if (typeof indexedDB === 'undefined') return resolve(undefined);
		const open = indexedDB.open(dbName);
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = () => resolve(undefined);
		open.onblocked = () => resolve(undefined);
		open.onsuccess = () => {
			const db = open.result;
			try {
				const get = db.transaction(store, 'readonly').objectStore(store).get(key);
				get.onsuccess = () => resolve(get.result as unknown);
				get.onerror = () => resolve(undefined);
			} catch {
				resolve(undefined); // an older database without that store
			} finally {
				db.close();
			}
		};
	});
}

/** A list index row's shape, checked without zod (the first paint reads 2,000 of them). */
export function isListRow(v: unknown): v is ListRow {
	if (typeof v !== 'object' || v === null) return false;
	const r = v as Record<string, unknown>;
	return (
		typeof r['id'] === 'string' &&
		typeof r['name'] === 'string' &&
		typeof r['place'] === 'string' &&
		(r['type'] === undefined || typeof r['type'] === 'string') &&
		(r['tags'] === undefined ||
			(Array.isArray(r['tags']) && r['tags'].every((t) => typeof t === 'string')))
	);
}

export class BangfuDb extends Dexie {
	workspaces!: EntityTable<JoinedWorkspace, 'id'>;
	device!: EntityTable<Device, 'key'>;
	blobs!: EntityTable<BlobRow, 'sha256'>;
	listIndex!: EntityTable<ListIndex, 'key'>;

	constructor(name = 'bangfu') {
		super(name);
		this.version(1).stores({
			workspaces: 'id, lastOpenedAt',
			device: 'key',
			blobs: 'sha256, workspaceId, uploaded'
		});
		this.version(2).stores({ listIndex: 'key, workspaceId' });
		// Booleans are not IndexedDB keys, so the `uploaded` index never found anything: the
		// upload queue needs a real state index. Existing rows keep their data and get a state.
		this.version(3)
			.stores({ blobs: 'sha256, workspaceId, [workspaceId+state]' })
			.upgrade((tx) =>
				tx
					.table('blobs')
					.toCollection()
					.modify((row: Partial<BlobRow>) => {
						row.state = row.uploaded ? 'uploaded' : 'pending';
						row.attempts = 0;
						row.nextAttemptAt = 0;
					})
			);
	}
}
