import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceDocs } from './workspace-docs';
import type { RecordStore } from './record-store';
import { seededRandom, type SeededRandom } from '../../../tests/factories/random';

/**
 * Randomized convergence: 3–5 replicas make random edits through the typed API on the main
 * doc and a visits shard, go offline and back at random, and receive each other's updates in
 * random order. All must end equal, with every text marker typed and not deleted present
 * exactly once, and every keyed item added and not removed present. Replay a failure with
 * FUZZ_SEED=<seed> npx vitest run src/lib/doc/convergence.test.ts
 */

const rng = seededRandom;
type Rng = SeededRandom;

const DOCS = ['main', 'visits-2026'] as const;
type DocName = (typeof DOCS)[number];
type Msg = { doc: DocName; update: Uint8Array };

interface Replica {
	docs: WorkspaceDocs;
	stores: Record<DocName, RecordStore>;
	online: boolean;
	outbox: Msg[];
	inbox: Msg[];
}

/** What the test knows was typed/added, to check that nothing acknowledged is lost. */
interface Ledger {
	markers: Map<string, Set<string>>; // text key -> markers inserted
	deletedMarkers: Set<string>;
	items: Map<string, Set<string>>; // `${kind}:${id}:${list}` -> item ids added
	removedItems: Set<string>;
}

async function replica(index: number, seed: number): Promise<Replica> {
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

const TEXTS = { household: 'notes', plan: 'text', visit: 'notes' } as const;
type TextKind = keyof typeof TEXTS;

function randomOp(r: Replica, g: Rng, ledger: Ledger, tag: () => string) {
	const main = r.stores.main;
	const shard = r.stores['visits-2026'];
	const op = g.int(12);
	const hh = g.pick(main.ids('household'));
	const pl = g.pick(main.ids('plan'));
	const vi = g.pick(shard.ids('visit'));
	switch (op) {
		case 0:
			main.create('household', { headName: `户${tag()}` }, { id: `h${tag()}` });
			return;
		case 1:
			if (hh)
				main.create(
					'plan',
					{ subjectKind: 'household', subjectId: hh, year: 2026 },
					{ id: `p${tag()}` }
				);
			return;
		case 2:
			if (hh)
				shard.create(
					'visit',
					{
						kind: 'visit',
						date: `2026-0${1 + g.int(9)}-1${g.int(10)}`,
						subjectKind: 'household',
						subjectId: hh
					},
					{ id: `v${tag()}` }
				);
			return;
		case 3:
			if (hh)
				main.update('household', hh, {
					village: g.pick(['石门村', '河口村', '大坪村']),
					housingGrade: g.pick(['A', 'B', 'C', 'D'] as const)
				});
			return;
		case 4:
			if (hh)
				main.setPath(
					'household',
					hh,
					['policies', g.pick(['dibao', 'tekun', 'pension'] as const) ?? 'dibao'],
					g.chance(0.5)
				);
			return;
		case 5: {
			const [kind, id, store] =
				g.pick([
					['household', hh, main],
					['plan', pl, main],
					['visit', vi, shard]
				] as const) ?? [];
			if (kind && id && store) typeMarker(store, kind, id, g, ledger, tag());
			return;
		}
		case 6: {
			const [kind, id, store] =
				g.pick([
					['household', hh, main],
					['plan', pl, main],
					['visit', vi, shard]
				] as const) ?? [];
			if (kind && id && store) deleteMarker(store, kind, id, g, ledger);
			return;
		}
		case 7: {
			if (!hh) return;
			const itemId = `i${tag()}`;
			if (main.addItem('household', hh, 'members', { name: `成员${itemId}` }, { id: itemId }).ok)
				track(ledger.items, `household:${hh}:members`, itemId);
			return;
		}
		case 8: {
			if (!pl) return;
			const itemId = `m${tag()}`;
			if (main.addItem('plan', pl, 'measures', { type: 'industry' }, { id: itemId }).ok)
				track(ledger.items, `plan:${pl}:measures`, itemId);
			return;
		}
		case 9: {
			const [kind, id, list] =
				g.pick([
					['household', hh, 'members'],
					['plan', pl, 'measures']
				] as const) ?? [];
			if (!kind || !id) return;
			const items = Object.keys((main.raw(kind, id)?.[list] as object | undefined) ?? {});
			const itemId = g.pick(items);
			if (!itemId) return;
			if (g.chance(0.4)) {
				const removed =
					kind === 'household'
						? main.removeItem(kind, id, 'members', itemId)
						: main.removeItem(kind, id, 'measures', itemId);
				if (removed.ok) ledger.removedItems.add(`${kind}:${id}:${list}:${itemId}`);
			} else if (kind === 'household')
				main.updateItem(kind, id, 'members', itemId, { labour: g.pick(['weak', 'none'] as const) });
			else
				main.updateItem(kind, id, 'measures', itemId, {
					status: g.pick(['done', 'planned'] as const)
				});
			return;
		}
		case 10: {
			const [kind, id, store] =
				g.pick([
					['household', hh, main],
					['visit', vi, shard]
				] as const) ?? [];
			if (!kind || !id || !store) return;
			if (store.get(kind, id)?.deleted) store.restore(kind, id);
			else store.remove(kind, id);
			return;
		}
		default:
			if (vi) {
				shard.setPath('visit', vi, ['findings', g.pick(['q1', 'q2', 'q3']) ?? 'q1'], g.chance(0.5));
				if (g.chance(0.5)) shard.update('visit', vi, { purpose: `目的${tag()}` });
			}
	}
}

function track(map: Map<string, Set<string>>, key: string, value: string) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(value);
}

function typeMarker(
	store: RecordStore,
	kind: TextKind,
	id: string,
	g: Rng,
	ledger: Ledger,
	t: string
) {
	const text = String(store.raw(kind, id)?.[TEXTS[kind]] ?? '');
	// Insert only between markers, so each marker stays one contiguous run we can find.
	const bounds = [0, ...[...text.matchAll(/⟧/g)].map((m) => (m.index ?? 0) + 1)];
	const marker = `⟦${t}⟧`;
	if (store.editText(kind, id, TEXTS[kind], g.pick(bounds) ?? 0, 0, marker).ok)
		track(ledger.markers, `${kind}:${id}`, marker);
}

function deleteMarker(store: RecordStore, kind: TextKind, id: string, g: Rng, ledger: Ledger) {
	const text = String(store.raw(kind, id)?.[TEXTS[kind]] ?? '');
	const found = g.pick([...text.matchAll(/⟦[^⟧]*⟧/g)]);
	if (!found) return;
	if (store.editText(kind, id, TEXTS[kind], found.index ?? 0, found[0].length).ok)
		ledger.deletedMarkers.add(found[0]);
}

function flush(replicas: Replica[], from: Replica) {
	if (!from.online) return;
	for (const msg of from.outbox) for (const to of replicas) if (to !== from) to.inbox.push(msg);
	from.outbox = [];
}

function deliverOne(r: Replica, g: Rng) {
	if (!r.online || r.inbox.length === 0) return;
	const [msg] = r.inbox.splice(g.int(r.inbox.length), 1);
	if (msg) Y.applyUpdate(r.stores[msg.doc].doc, msg.update, 'remote');
}

function snapshot(r: Replica) {
	const out: Record<string, unknown> = {};
	for (const name of DOCS) {
		const s = r.stores[name];
		for (const kind of ['household', 'plan', 'visit'] as const)
			for (const id of s.ids(kind)) out[`${name}/${kind}/${id}`] = s.raw(kind, id);
	}
	return out;
}

async function run(seed: number, steps: number) {
	const g = rng(seed);
	const n = 3 + g.int(3);
	const replicas = await Promise.all(Array.from({ length: n }, (_, i) => replica(i, seed)));
	const ledger: Ledger = {
		markers: new Map(),
		deletedMarkers: new Set(),
		items: new Map(),
		removedItems: new Set()
	};
	let counter = 0;
	for (let step = 0; step < steps; step++) {
		const r = replicas[g.int(n)];
		if (!r) continue;
		const roll = g.next();
		if (roll < 0.5) randomOp(r, g, ledger, () => `${replicas.indexOf(r)}x${counter++}`);
		else if (roll < 0.55) r.online = !r.online;
		else if (roll < 0.7) flush(replicas, r);
		else deliverOne(r, g);
	}
	for (const r of replicas) r.online = true;
	for (const r of replicas) flush(replicas, r);
	for (const r of replicas) while (r.inbox.length) deliverOne(r, g);

	const first = replicas[0];
	if (!first) throw new Error('no replicas');
	const expected = snapshot(first);
	for (const r of replicas.slice(1)) {
		expect(snapshot(r)).toEqual(expected);
		for (const name of DOCS)
			expect(Y.encodeStateVector(r.stores[name].doc)).toEqual(
				Y.encodeStateVector(first.stores[name].doc)
			);
	}
	for (const [key, markers] of ledger.markers) {
		const [kind, id] = key.split(':') as [TextKind, string];
		const store = kind === 'visit' ? first.stores['visits-2026'] : first.stores.main;
		const text = String(store.raw(kind, id)?.[TEXTS[kind]] ?? '');
		for (const m of markers) {
			const times = text.split(m).length - 1;
			expect(times, `${m} in ${key}`).toBe(ledger.deletedMarkers.has(m) ? 0 : 1);
		}
	}
	for (const [key, added] of ledger.items) {
		const [kind, id, list] = key.split(':') as ['household' | 'plan', string, string];
		const present = Object.keys(
			(first.stores.main.raw(kind, id)?.[list] as object | undefined) ?? {}
		);
		const want = [...added].filter((i) => !ledger.removedItems.has(`${key}:${i}`));
		expect(present.sort(), key).toEqual(want.sort());
	}
	for (const r of replicas) r.docs.destroy();
	return {
		markers: [...ledger.markers.values()].reduce((a, s) => a + s.size, 0),
		items: [...ledger.items.values()].reduce((a, s) => a + s.size, 0)
	};
}

describe('convergence (randomized)', () => {
	const fixed = process.env['FUZZ_SEED'];
	const master = fixed ? Number(fixed) : Math.floor(Math.random() * 1e6);
	const runs = fixed ? 1 : 25;

	it(`replicas converge and keep every acknowledged edit (seed ${master})`, async () => {
		console.log(`convergence fuzz: FUZZ_SEED=${master} (runs ${runs})`);
		let markers = 0;
		let items = 0;
		for (let i = 0; i < runs; i++) {
			const seed = master + i;
			try {
				const r = await run(seed, 600);
				markers += r.markers;
				items += r.items;
			} catch (e) {
				console.error(`convergence fuzz failed: replay with FUZZ_SEED=${seed}`);
				throw e;
			}
		}
		// The run must have exercised texts and keyed lists, not just refused every edit.
		expect(markers).toBeGreaterThan(runs * 5);
		expect(items).toBeGreaterThan(runs * 3);
	}, 60_000);
});
