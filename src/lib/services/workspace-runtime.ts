// One open workspace, framework-free: its family of Y.Docs, their persistence on the device,
// their relay connections and the network lifecycle, the lists' projection, the merge
// tracker and the lists' first-paint indexes. Runs in node (unit-tested there with fake-indexeddb
// and the real relay); `workspace.svelte.ts` adapts it to runes for the screens.
import { Awareness } from 'y-protocols/awareness';
import { SETTINGS_ID, type Kind } from '$lib/domain';
import { WorkspaceDocs } from '$lib/doc';
import type { JoinedWorkspace } from '$lib/local/db';
import { browserConfirmedStore } from '$lib/local/confirmed';
import { persistDoc } from '$lib/local/persistence';
import { SyncConnection, type SyncConnectionOptions, type SyncStatus } from '$lib/sync/connection';
import { keepWorkspaceIndexes } from './list-index';
import { MergeTracker, type MergedRecord } from './merge-tracker';
import { RecordRows, type RecordRow } from './record-rows';
import { combineStatus, type WorkspaceSyncStatus } from './sync-status';
import type * as Y from 'yjs';
import type { RuntimeChange, RuntimeOptions } from './runtime-types';

export type { NetworkEvents, Persist, RuntimeChange, RuntimeOptions } from './runtime-types';

export class WorkspaceRuntime {
	readonly info: JoinedWorkspace;
	readonly docs: WorkspaceDocs;
	readonly #opts: RuntimeOptions;
	readonly #persisted: { destroy(): Promise<void> }[] = [];
	readonly #connections = new Map<string, SyncConnection>();
	#awareness: Awareness | undefined;
	readonly #openDocs = new Map<string, Y.Doc>();
	readonly #statuses = new Map<string, SyncStatus>();
	readonly #listeners = new Set<(change: RuntimeChange) => void>();
	readonly #merges = new MergeTracker();
	#confirmed: SyncConnectionOptions['confirmed'];
	readonly #stops: (() => void)[] = [];
	#rows!: RecordRows;
	#relay: { url: string; token: string } | undefined;
	#merged: MergedRecord[] = [];
	#canUndo = false;
	#canRedo = false;

	private constructor(info: JoinedWorkspace, docs: WorkspaceDocs, opts: RuntimeOptions) {
		this.info = info;
		this.docs = docs;
		this.#opts = opts;
		if (info.relayUrl && info.token) this.#relay = { url: info.relayUrl, token: info.token };
	}

	/** Who is writing on this device (the actor stamped as updatedBy, and on decisions). */
	actor(): string {
		return this.#opts.actor();
	}

	/** Opens the workspace from the device; connects to its relay when it has one. */
	static async open(info: JoinedWorkspace, opts: RuntimeOptions): Promise<WorkspaceRuntime> {
		// The main doc opens before the runtime exists; shards open later, through it.
		const ready: { runtime?: WorkspaceRuntime } = {};
		const early: [Y.Doc, string, { destroy(): Promise<void> }][] = [];
		const persist = opts.persist ?? persistDoc;
		const docs = await WorkspaceDocs.open({
			workspaceId: info.id,
			actor: opts.actor,
			// A viewer writes nothing: the relay would never take it (issue 9 #7).
			canWrite: () => info.role !== 'viewer',
			opener: async (doc, { name, room }) => {
				const persisted = await persist(info.id, name, doc);
				if (ready.runtime) ready.runtime.#attach(doc, room, persisted);
				else early.push([doc, room, persisted]);
			}
		});
		const runtime = (ready.runtime = new WorkspaceRuntime(info, docs, opts));
		for (const [doc, room, persisted] of early) runtime.#attach(doc, room, persisted);
		runtime.#start();
		return runtime;
	}

	/** Calls `fn` after each change of status, undo stacks, merges or a kind's rows. */
	subscribe(fn: (change: RuntimeChange) => void): () => void {
		this.#listeners.add(fn);
		return () => void this.#listeners.delete(fn);
	}

	get status(): WorkspaceSyncStatus {
		return combineStatus([...this.#statuses.values()]);
	}
	get relay(): { url: string; token: string } | undefined {
		return this.#relay;
	}
	/** Every record of a kind in the main document, unvalidated, deleted ones included. */
	rows(kind: Kind): RecordRow[] {
		return this.#rows.rows(kind);
	}
	/** Records merged with another device's changes, told once everything is synced. */
	get merged(): MergedRecord[] {
		return this.#merged;
	}
	dismissMerged(): void {
		this.#merged = [];
		this.#emit('merged');
	}
	/** Whether this device has an edit of its own to undo / redo (in any document). */
	get canUndo(): boolean {
		return this.#canUndo;
	}
	get canRedo(): boolean {
		return this.#canRedo;
	}

	/**
	 * Presence on the main document (who is on which plan, in which field): y-protocols
	 * awareness, sent through the main document's relay connection once the workspace is shared.
	 */
	get awareness(): Awareness {
		this.#awareness ??= new Awareness(this.docs.main.doc);
		return this.#awareness;
	}

	/** Per room: what the relay is known to hold (a Yjs snapshot); none before sharing. */
	confirmedState(room: string): Uint8Array | undefined {
		return this.#connections.get(room)?.confirmedState;
	}

	/** Connects every open document of the family to a relay (and remembers it). */
	connect(url: string, token: string): void {
		this.#relay = { url, token };
		for (const [room, doc] of this.#openDocs) this.#connect(doc, room);
	}

	destroy(): void {
		for (const stop of this.#stops.splice(0)) stop();
		for (const c of this.#connections.values()) c.destroy();
		for (const p of this.#persisted) void p.destroy();
		this.#awareness?.destroy();
		this.#rows.destroy();
		this.docs.destroy();
		this.#listeners.clear();
	}

	#emit(change: RuntimeChange): void {
		for (const fn of this.#listeners) fn(change);
	}

	#start(): void {
		this.#nameWorkspace();
		this.#rows = new RecordRows(this.docs.main, (kind) => this.#emit({ rows: kind }));
		this.#watchMerges();
		const db = this.#opts.indexDb;
		// The lists paint from these before the documents open (a school's students too).
		if (db)
			this.#stops.push(
				keepWorkspaceIndexes({
					db,
					workspaceId: this.info.id,
					school: this.info.kind === 'school',
					rows: (kind) => this.rows(kind),
					rowOf: (kind, id) => {
						const raw = this.docs.main.raw(kind, id);
						return raw && { id, raw, deleted: typeof raw['deletedAt'] === 'string' };
					},
					observe: (kind, fn) => this.docs.main.observeKind(kind, fn)
				})
			);
	}

	/** The creator writes the workspace's name and kind into the document, for those who join. */
	#nameWorkspace(): void {
		if (this.info.role !== 'owner' || this.docs.main.get('settings', SETTINGS_ID)) return;
		const workspaceKind = (
			{ school: 'school', village: 'work_group', pairing: 'school_pairing' } as const
		)[this.info.kind];
		this.docs.main.create('settings', { name: this.info.name, workspaceKind }, { id: SETTINGS_ID });
	}

	#attach(doc: Y.Doc, room: string, persisted: { destroy(): Promise<void> }): void {
		this.#persisted.push(persisted);
		// Each store's UndoManager updates its stacks in its own afterTransaction handler,
		// registered before this one, so the stacks are current here.
		const stacks = () => {
			// Creations are undo steps of the family's own (undoing one is a soft delete).
			const { canUndo, canRedo } = this.docs;
			if (canUndo === this.#canUndo && canRedo === this.#canRedo) return;
			[this.#canUndo, this.#canRedo] = [canUndo, canRedo];
			this.#emit('undo');
		};
		doc.on('afterTransaction', stacks);
		this.#stops.push(() => doc.off('afterTransaction', stacks));
		this.#openDocs.set(room, doc);
		if (this.#relay) this.#connect(doc, room);
	}

	#connect(doc: Y.Doc, room: string): void {
		if (!this.#relay || this.#connections.has(room)) return;
		if (this.#connections.size === 0) this.#watchNetwork();
		this.#confirmed ??= browserConfirmedStore();
		const conn = new SyncConnection({
			confirmed: this.#confirmed,
			...this.#opts.connection,
			relayUrl: this.#relay.url,
			room,
			token: this.#relay.token,
			doc,
			awareness: room === this.info.id ? this.awareness : undefined
		});
		this.#connections.set(room, conn);
		this.#stops.push(
			conn.subscribe((s) => {
				this.#statuses.set(room, s);
				this.#emit('status');
				this.#flushMerges();
			})
		);
	}

	#watchMerges(): void {
		const fromRelay = (origin: unknown) =>
			[...this.#connections.values()].some((c) => c.provider === origin);
		this.#stops.push(
			this.docs.main.observeTransactions((touched, origin) => {
				if (origin === this.docs.origin) this.#merges.local(touched, this.status.state);
				else if (fromRelay(origin) && this.#merges.remote(touched))
					queueMicrotask(() => this.#flushMerges());
			}),
			this.docs.main.observeMerges((reports) => {
				for (const r of reports) this.#merges.fields(r.kind, r.id, r.fields);
			})
		);
	}

	#flushMerges(): void {
		const told = this.#merges.flush(this.status.state);
		if (told.length === 0) return;
		this.#merged = [...this.#merged, ...told];
		this.#emit('merged');
	}

	/** Phones report losing the network long before a dead socket times out. */
	#watchNetwork(): void {
		const net = this.#opts.network ?? (typeof window === 'undefined' ? undefined : window);
		if (!net) return;
		const lost = () => this.#connections.forEach((c) => c.networkLost());
		const back = () => this.#connections.forEach((c) => c.networkBack());
		net.addEventListener('offline', lost);
		net.addEventListener('online', back);
		this.#stops.push(() => {
			net.removeEventListener('offline', lost);
			net.removeEventListener('online', back);
		});
	}
}
