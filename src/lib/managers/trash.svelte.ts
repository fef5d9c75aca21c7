// The trash screen (回收站): deleted records of every kind in the workspace's open documents
// (the main document and the visits of this year and last), newest first, each restorable.
import { todayIn, yearOf, type Kind } from '$lib/domain';
import type { ReadResult, RecordStore, WriteResult } from '$lib/doc';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export interface TrashItem {
	kind: Kind;
	id: string;
	/** The document holding it (main, or a visits shard). */
	store: string;
	title: string;
	deletedAt: string;
	deletedBy: string;
}

const TITLE_FIELDS = ['headName', 'name', 'title', 'date'] as const;

function itemOf(store: RecordStore, r: ReadResult): TrashItem {
	const raw = r.raw;
	const title = TITLE_FIELDS.map((f) => raw[f]).find((v) => typeof v === 'string' && v);
	return {
		kind: r.kind,
		id: r.id,
		store: store.name,
		title: typeof title === 'string' ? title : r.id,
		deletedAt: typeof raw['deletedAt'] === 'string' ? raw['deletedAt'] : '',
		deletedBy: typeof raw['deletedBy'] === 'string' ? raw['deletedBy'] : ''
	};
}

export class TrashManager {
	readonly #session: WorkspaceSession;
	#items = $state.raw<TrashItem[]>([]);
	#stores: RecordStore[] = [];

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	/** Opens the recent visit shards and follows every open document; call from an $effect. */
	watch(): () => void {
		const docs = this.#session.docs;
		const year = yearOf(todayIn());
		let stops: (() => void)[] = [];
		let live = true;
		const refresh = () => {
			this.#items = this.#stores
				.flatMap((s) => s.trash().map((r) => itemOf(s, r)))
				.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
		};
		void Promise.all([docs.visits(year), docs.visits(year - 1)]).then(() => {
			if (!live) return;
			this.#stores = docs.stores();
			stops = this.#stores.map((s) => s.observeTransactions(refresh));
			refresh();
		});
		this.#stores = [docs.main];
		refresh();
		return () => {
			live = false;
			stops.forEach((stop) => stop());
		};
	}

	get items(): TrashItem[] {
		return this.#items;
	}

	get readonly(): boolean {
		return this.#session.readonly;
	}

	restore(item: TrashItem): WriteResult {
		const store = this.#stores.find((s) => s.name === item.store);
		if (!store) return { ok: false, issues: [{ path: [], code: 'record.missing' }] };
		return store.restore(item.kind, item.id);
	}
}
