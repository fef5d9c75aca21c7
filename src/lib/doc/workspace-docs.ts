import * as Y from 'yjs';
import { yearShardName, type DraftOf } from '../domain';
import { CREATE_ORIGIN, RecordStore } from './record-store';
import type { ReadResult, StoreContext, WriteResult } from './record-reader';
import { LAST_VISIT, MAIN_DOC, SEP, baseName, isShardName, patchName, roomName } from './layout';
import { lastVisitDates, lastVisitDatesSliced, noteVisit, observeLastVisitMap } from './summary';
import { FamilyUndo } from './family-undo';

/**
 * Attaches a document of the family to the device: y-indexeddb, a WebsocketProvider for
 * `room`, … Resolve once the locally stored state is applied (e.g. `persistence.whenSynced`).
 * The pure core never imports a provider; the device/sync layers pass this in.
 */
export type DocOpener = (doc: Y.Doc, info: { name: string; room: string }) => Promise<void> | void;

export interface WorkspaceDocsOptions {
	workspaceId: string;
	/** Who is writing: the member id (or device actor id) stamped as updatedBy. */
	actor: string | (() => string);
	opener?: DocOpener;
	now?: () => Date;
	/** False on a viewer's device: nothing is written, not even noticed conflicts. */
	canWrite?: () => boolean;
}

/**
 * A workspace's family of Y.Docs: the main doc (room `<workspaceId>`) and shards opened on
 * demand (room `<workspaceId>/<shard>`, e.g. `visits-2026`). One local origin for the whole
 * family, so undo and "my changes" mean the same thing in every doc.
 */
export class WorkspaceDocs {
	readonly workspaceId: string;
	readonly main: RecordStore;
	readonly #ctx: StoreContext;
	readonly #opener: DocOpener | undefined;
	readonly #shards = new Map<string, Promise<RecordStore>>();
	readonly #open = new Map<string, RecordStore>();
	readonly #onOpen = new Set<(store: RecordStore) => void>();
	readonly #undo = new FamilyUndo(() => this.stores());

	private constructor(opts: WorkspaceDocsOptions) {
		this.workspaceId = opts.workspaceId;
		const actor = opts.actor;
		this.#ctx = {
			origin: { workspace: opts.workspaceId },
			actor: typeof actor === 'string' ? () => actor : actor,
			now: opts.now ?? (() => new Date()),
			...(opts.canWrite ? { canWrite: opts.canWrite } : {})
		};
		this.#opener = opts.opener;
		this.main = this.#store(new Y.Doc(), MAIN_DOC);
	}

	/** Creates the family and opens the main doc through the opener. */
	static async open(opts: WorkspaceDocsOptions): Promise<WorkspaceDocs> {
		const docs = new WorkspaceDocs(opts);
		await docs.#opener?.(docs.main.doc, { name: MAIN_DOC, room: opts.workspaceId });
		return docs;
	}

	/** The transaction origin of this device's edits (for providers that must skip echoes). */
	get origin(): object {
		return this.#ctx.origin;
	}

	/** Opens (once) and returns a shard's store. */
	shard(name: string): Promise<RecordStore> {
		if (!isShardName(name)) return Promise.reject(new RangeError(`bad shard name: ${name}`));
		let pending = this.#shards.get(name);
		if (!pending) {
			const year = /^visits-(\d{4})$/.exec(name)?.[1];
			const store = this.#store(new Y.Doc(), name, year ? Number(year) : undefined);
			this.#watchVisits(store);
			pending = Promise.resolve(
				this.#opener?.(store.doc, { name, room: roomName(this.workspaceId, name) })
			).then(() => {
				this.#open.set(name, store);
				for (const fn of this.#onOpen) fn(store);
				return store;
			});
			this.#shards.set(name, pending);
		}
		return pending;
	}

	/** The shard holding the visits of `year`. */
	visits(year: number): Promise<RecordStore> {
		return this.shard(yearShardName(year));
	}

	/** Creates a visit in the shard of its date's year. */
	async createVisit(draft: DraftOf<'visit'>): Promise<WriteResult<{ shard: string; id: string }>> {
		const year = Number(String(draft.date).slice(0, 4));
		if (!Number.isInteger(year) || year < 1900)
			return { ok: false, issues: [{ path: ['date'], code: 'date.invalid' }] };
		const store = await this.visits(year);
		const r = store.create('visit', draft);
		return r.ok ? { ok: true, value: { shard: store.name, id: r.value } } : r;
	}

	/** Shards opened so far (loaded), by name. */
	get shards(): ReadonlyMap<string, RecordStore> {
		return this.#open;
	}

	/** Calls `fn` with each shard as it finishes opening (its stored state applied). */
	onShardOpen(fn: (store: RecordStore) => void): () => void {
		this.#onOpen.add(fn);
		return () => void this.#onOpen.delete(fn);
	}

	/** Every store of the family that is open: main first. */
	stores(): RecordStore[] {
		return [this.main, ...this.#open.values()];
	}

	/** Last visit date per subject from the main doc's summary: no shard needs loading. */
	lastVisits(): Map<string, string> {
		return lastVisitDates(this.main.doc.getMap(LAST_VISIT));
	}

	/** `lastVisits()` read in slices of `sliceMs`, awaiting `breathe()` between them. */
	lastVisitsSliced(breathe: () => Promise<void>, sliceMs: number): Promise<Map<string, string>> {
		return lastVisitDatesSliced(this.main.doc.getMap(LAST_VISIT), breathe, sliceMs);
	}

	/** Calls `fn` with the subjects whose last visit changed (this device's or another's). */
	observeLastVisits(fn: (subjectIds: ReadonlySet<string>) => void): () => void {
		return observeLastVisitMap(this.main.doc.getMap(LAST_VISIT), fn);
	}

	/**
	 * Undoes this device's most recent step in any doc of the family (family-undo.ts): a
	 * creation goes to the trash only when nobody else wrote to it since; edits are Yjs's.
	 */
	undo(): boolean {
		return this.#undo.undo();
	}

	redo(): boolean {
		return this.#undo.redo();
	}

	/** Whether there is a step of this device's to undo / redo, in any doc (creations too). */
	get canUndo(): boolean {
		return this.#undo.canUndo;
	}

	get canRedo(): boolean {
		return this.#undo.canRedo;
	}

	/** Deleted records of every kind in every open document of the family, newest first. */
	trash(): ReadResult[] {
		return this.stores()
			.flatMap((s) => s.trash())
			.sort((a, b) =>
				String(b.raw['deletedAt'] ?? '').localeCompare(String(a.raw['deletedAt'] ?? ''))
			);
	}

	destroy() {
		for (const store of this.stores()) {
			store.undo.destroy();
			store.destroy();
			store.doc.destroy();
		}
		this.#open.clear();
		this.#shards.clear();
		this.#onOpen.clear();
	}

	#store(doc: Y.Doc, name: string, year?: number): RecordStore {
		const store = new RecordStore(doc, name, this.#ctx, year === undefined ? {} : { year });
		this.#undo.attach(store);
		return store;
	}

	/** Keeps the main doc's last-visit summary current after this device writes a visit. */
	#watchVisits(store: RecordStore) {
		// Compared by identity with tr.changed's keys, which Yjs types as plain AbstractTypes.
		const watched = new Set<unknown>([
			store.doc.getMap(baseName('visit')),
			store.doc.getMap(patchName('visit'))
		]);
		store.doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin !== this.#ctx.origin && tr.origin !== CREATE_ORIGIN) return;
			const ids = new Set<string>();
			for (const [type, keys] of tr.changed) {
				if (!watched.has(type)) continue;
				for (const key of keys) if (key) ids.add(key.split(SEP, 1)[0] ?? key);
			}
			if (ids.size === 0) return;
			const summary = this.main.doc.getMap<string>(LAST_VISIT);
			this.main.doc.transact(() => {
				for (const id of ids) {
					const r = store.get('visit', id);
					if (r?.ok && !r.deleted)
						noteVisit(summary, r.record.subjectId, this.main.doc.clientID, r.record.date);
				}
			}, 'summary');
		});
	}
}
