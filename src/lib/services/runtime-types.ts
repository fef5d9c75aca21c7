// What a WorkspaceRuntime (workspace-runtime.ts) is opened with and what it reports.
import type * as Y from 'yjs';
import type { Kind } from '$lib/domain';
import type { BangfuDb } from '$lib/local/db';
import type { SyncConnectionOptions } from '$lib/sync/connection';

/** Attaches a document to the device; resolves once its stored state is applied. */
export type Persist = (
	workspaceId: string,
	docName: string,
	doc: Y.Doc
) => Promise<{ destroy(): Promise<void> }>;

/** What the runtime listens to for the device's network (the browser's window). */
export type NetworkEvents = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface RuntimeOptions {
	actor: () => string;
	/** Defaults to y-indexeddb (local/persistence.ts). */
	persist?: Persist;
	/** Where the household list index is kept; none kept without it. */
	indexDb?: BangfuDb;
	/** Defaults to `window` in a browser, none in node. */
	network?: NetworkEvents;
	/** Extra connection options (tests: a WebSocket polyfill, no BroadcastChannel). */
	connection?: Partial<SyncConnectionOptions>;
}

export type RuntimeChange = 'status' | 'undo' | 'merged' | { rows: Kind };
