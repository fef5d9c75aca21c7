// The convergence fuzz's world (convergence.test.ts): replicas of one workspace family in
// memory, what the test knows was typed and added (the ledger), and the delivery of updates.
import * as Y from 'yjs';
import { WorkspaceDocs } from './workspace-docs';
import type { RecordStore } from './record-store';
import { seededRandom, type SeededRandom } from '../../../tests/factories/random';

export const rng = seededRandom;
export type Rng = SeededRandom;

export const DOCS = ['main', 'visits-2026'] as const;
export type DocName = (typeof DOCS)[number];
type Msg = { doc: DocName; update: Uint8Array };

export interface Replica {
	docs: WorkspaceDocs;
	stores: Record<DocName, RecordStore>;
	online: boolean;
	outbox: Msg[];
	inbox: Msg[];
}

/** What the test knows was typed/added, to check that nothing acknowledged is lost. */
export interface Ledger {
	markers: Map<string, Set<string>>; // text key -> markers inserted
	deletedMarkers: Set<string>;
	items: Map<string, Set<string>>; // `${kind}:${id}:${list}` -> item ids added
	removedItems: Set<string>;
	/** Every value a replica set on a household's 组 (by an edit, undo, redo or a pick). */
	groupWrites: Map<string, Set<string>>; // household id -> values written
	/** Values someone had on screen when they replaced them: replaced knowingly. */
	groupSeen: Map<string, Set<string>>;
	undos: number;
	conflictsSeen: number;
	/** Markers and items an undo or redo removed or brought back: present at most once. */
	undone: Set<string>;
}

export async function replica(index: number, seed: number): Promise<Replica> {
	const docs = await WorkspaceDocs.open({ workspaceId: 'fuzz', actor: `r${index}` });
	// Deterministic client ids so a seed replays the same conflict resolution.
	docs.main.doc.clientID = seed * 10 + index * 2 + 1;
	const shard = await docs.visits(2026);
	shard.doc.clientID = seed * 10 + index * 2 + 2;
	const r: Replica = {
		docs,
		stores: { main: docs.main, 'visits-2026': shard },
		online: true,
		outbox: [],
		inbox: []
	};
	for (const name of DOCS)
		r.stores[name].doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') r.outbox.push({ doc: name, update });
		});
	return r;
}

export const TEXTS = { household: 'notes', plan: 'text', visit: 'notes' } as const;
export type TextKind = keyof typeof TEXTS;

export function track(map: Map<string, Set<string>>, key: string, value: string) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(value);
}

export function flush(replicas: Replica[], from: Replica) {
	if (!from.online) return;
	for (const msg of from.outbox) for (const to of replicas) if (to !== from) to.inbox.push(msg);
	from.outbox = [];
}

export function deliverOne(r: Replica, g: Rng) {
	if (!r.online || r.inbox.length === 0) return;
	const [msg] = r.inbox.splice(g.int(r.inbox.length), 1);
	if (msg) Y.applyUpdate(r.stores[msg.doc].doc, msg.update, 'remote');
}

export function snapshot(r: Replica) {
	const out: Record<string, unknown> = {};
	for (const name of DOCS) {
		const s = r.stores[name];
		for (const kind of ['household', 'plan', 'visit'] as const)
			for (const id of s.ids(kind)) out[`${name}/${kind}/${id}`] = s.raw(kind, id);
	}
	return out;
}

export function newLedger(): Ledger {
	return {
		markers: new Map(),
		deletedMarkers: new Set(),
		items: new Map(),
		removedItems: new Set(),
		groupWrites: new Map(),
		groupSeen: new Map(),
		undos: 0,
		conflictsSeen: 0,
		undone: new Set()
	};
}
