import * as Y from 'yjs';
import { yearShardName, type DraftOf, type Kind } from '../domain';
import { CREATE_ORIGIN, RecordStore } from './record-store';
import type { ReadResult, StoreContext, WriteResult } from './record-reader';
import { LAST_VISIT, MAIN_DOC, SEP, baseName, isShardName, patchName, roomName } from './layout';
import { lastVisitDates, noteVisit, observeLastVisitMap } from './summary';

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
 * Creations as one undo step: undone by soft deletes, redone by restores. Records created in
 * one transaction (an imported file) are one step, so one undo takes the whole file back.
 */
interface CreateStep {
	store: RecordStore;
	records: { kind: Kind; id: string }[];
	/** The Yjs transaction that made them (compared by identity). */
	tx: unknown;
	seq: number;
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
	#undoSeq = 0;
	#createUndo: CreateStep[] = [];
	#createRedo: CreateStep[] = [];

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

	/** Every store of the family that is open: main first. */
	stores(): RecordStore[] {
		return [this.main, ...this.#open.values()];
	}

	/** Last visit date per subject from the main doc's summary: no shard needs loading. */
	lastVisits(): Map<string, string> {
		return lastVisitDates(this.main.doc.getMap(LAST_VISIT));
	}

	/** Calls `fn` with the subjects whose last visit changed (this device's or another's). */
	observeLastVisits(fn: (subjectIds: ReadonlySet<string>) => void): () => void {
		return observeLastVisitMap(this.main.doc.getMap(LAST_VISIT), fn);
	}

	/**
	 * Undoes this device's most recent step in any doc of the family. Undoing a creation moves
	 * the record to the trash, and only when nobody else has written to it since; otherwise the
	 * step is dropped and the record stays (others' work is never hidden). Edits are undone by
	 * Yjs, which never overwrites a value another device wrote afterwards.
	 */
	undo(): boolean {
		return this.#step('undoStack', this.#createUndo, (step) => {
			let undone = false;
			for (const { kind, id } of step.records) {
				if (step.store.editedByOthers(kind, id)) continue;
				step.store.removeUntracked(kind, id);
				undone = true;
			}
			return undone;
		});
	}

	redo(): boolean {
		return this.#step('redoStack', this.#createRedo, (step) => {
			for (const { kind, id } of step.records) {
				step.store.restore(kind, id, { origin: CREATE_ORIGIN });
			}
			return true;
		});
	}

	/** Whether there is a step of this device's to undo / redo, in any doc (creations too). */
	get canUndo(): boolean {
		return this.#createUndo.length > 0 || this.stores().some((s) => s.undo.undoStack.length > 0);
	}

	get canRedo(): boolean {
		return this.#createRedo.length > 0 || this.stores().some((s) => s.undo.redoStack.length > 0);
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
	}

	#store(doc: Y.Doc, name: string, year?: number): RecordStore {
		const store = new RecordStore(doc, name, this.#ctx, year === undefined ? {} : { year });
		store.undo.on(
			'stack-item-added',
			({
				stackItem,
				origin,
				changedParentTypes
			}: {
				stackItem: { meta: Map<string, unknown> };
				origin: unknown;
				changedParentTypes: unknown;
			}) => {
				// Edits made in the same transaction as creations (an import merging into known
				// records) are the same step as those creations: they share its number.
				const create = this.#createUndo.at(-1);
				const sameTx =
					origin !== store.undo &&
					create?.store === store &&
					(create.tx as { changedParentTypes?: unknown } | null)?.changedParentTypes ===
						changedParentTypes;
				stackItem.meta.set('seq', sameTx ? create.seq : ++this.#undoSeq);
				// The next edit in another doc must be a step of its own, or an edit merged into an
				// older step there would be undone after this newer one.
				for (const other of this.stores()) if (other !== store) other.undo.stopCapturing();
				if (origin !== store.undo) this.#newChange(store);
			}
		);
		store.onCreate = (kind, id) => {
			// Yjs keeps the running transaction on the doc; creations inside one are one step.
			const tx = (store.doc as unknown as { _transaction: unknown })._transaction;
			const last = this.#createUndo.at(-1);
			if (last && last.store === store && last.tx === tx && tx !== null) {
				last.records.push({ kind, id });
				return;
			}
			for (const other of this.stores()) other.undo.stopCapturing();
			this.#newChange(undefined);
			this.#createUndo.push({ store, records: [{ kind, id }], tx, seq: ++this.#undoSeq });
		};
		return store;
	}

	/** A new change (not an undo or redo) empties every redo stack of the family. */
	#newChange(except: RecordStore | undefined) {
		this.#createRedo = [];
		for (const s of this.stores()) if (s !== except) s.undo.clear(false, true);
	}

	#step(
		stack: 'undoStack' | 'redoStack',
		creates: CreateStep[],
		runCreate: (step: CreateStep) => boolean
	): boolean {
		let best: RecordStore | undefined;
		let bestSeq = -1;
		for (const store of this.stores()) {
			const seq = store.undo[stack].at(-1)?.meta.get('seq');
			if (typeof seq === 'number' && seq > bestSeq) [best, bestSeq] = [store, seq];
		}
		const create = creates.at(-1);
		if (create && create.seq >= bestSeq) {
			creates.pop();
			// On the other stack before the write, so observers of the write see both stacks right.
			const other = stack === 'undoStack' ? this.#createRedo : this.#createUndo;
			const moved = { ...create, seq: ++this.#undoSeq };
			other.push(moved);
			const ran = runCreate(create);
			if (best && bestSeq === create.seq) {
				// The edits of the same step (one transaction) go with it, and stay paired.
				if (stack === 'undoStack') best.undo.undo();
				else best.undo.redo();
				const back = stack === 'undoStack' ? 'redoStack' : 'undoStack';
				best.undo[back].at(-1)?.meta.set('seq', moved.seq);
			} else if (!ran) other.pop();
			return true;
		}
		if (!best) return false;
		if (stack === 'undoStack') best.undo.undo();
		else best.undo.redo();
		return true;
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
