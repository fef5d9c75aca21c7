import { KIND_NAMES, KINDS, type Kind } from '../../src/lib/domain';
import { WorkspaceDocs, type DocOpener, type RecordStore } from '../../src/lib/doc';
import type { Dataset, Entry } from './dataset';

/** Opens an in-memory family for a data set with its fixed actor and clock. */
export function openDatasetDocs(ds: Dataset, opener?: DocOpener): Promise<WorkspaceDocs> {
	const at = new Date(ds.writtenAt);
	return WorkspaceDocs.open({
		workspaceId: ds.workspaceId,
		actor: ds.actor,
		now: () => at,
		opener,
		...(opener ? {} : {})
	});
}

/**
 * Writes a data set through the typed API (validated, the real layout), one transaction per
 * kind per document so a county loads in seconds. Throws on the first invalid record: a
 * factory that makes invalid data is a bug.
 */
export async function populateWorkspace(docs: WorkspaceDocs, ds: Dataset): Promise<void> {
	for (const kind of KIND_NAMES) await populateKind(docs, ds, kind);
}

async function populateKind<K extends Kind>(docs: WorkspaceDocs, ds: Dataset, kind: K) {
	const entries = (ds.records[kind] ?? []) as Entry<K>[]; // the mapped type holds Entry<K> at K
	if (entries.length === 0) return;
	if (KINDS[kind].home === 'main') return write(docs.main, kind, entries);
	const byYear = new Map<number, Entry<K>[]>();
	for (const e of entries) {
		const year = Number(String((e.draft as { date?: unknown }).date).slice(0, 4));
		let list = byYear.get(year);
		if (!list) byYear.set(year, (list = []));
		list.push(e);
	}
	for (const [year, list] of byYear) write(await docs.visits(year), kind, list);
}

function write<K extends Kind>(store: RecordStore, kind: K, entries: Entry<K>[]) {
	store.transact(() => {
		for (const { id, draft } of entries) {
			const r =
				kind === 'settings' ? store.update(kind, id, draft) : store.create(kind, draft, { id });
			if (!r.ok) throw new Error(`${kind} ${id}: ${JSON.stringify(r.issues)}`);
		}
	});
	// Bulk loading is not an edit anyone wants to undo.
	store.undo.clear();
}
