import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceDocs } from './workspace-docs';
import type { RecordStore } from './record-store';
import { seededRandom, type SeededRandom } from '../../../tests/factories/random';

/**
 * Randomized convergence: 3–5 replicas make random edits through the typed API on the main
 * doc and a visits shard, go offline and back at random, and receive each other's updates in
 * random order. All must end equal, with every text marker typed and not deleted present
 * exactly once, every keyed item added and not removed present, and every value written to
 * one field (组, by edits, undo/redo and conflict picks on several replicas) either standing,
 * replaced by someone who saw it, or kept as a conflict entry. Replay a failure with
 * FUZZ_SEED=<seed> npx vitest run src/lib/doc/convergence.test.ts; explore new seeds with
 * FUZZ_RANDOM=1.
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
	/** Every value a replica set on a household's 组 (by an edit, undo, redo or a pick). */
	groupWrites: Map<string, Set<string>>; // household id -> values written
	/** Values someone had on screen when they replaced them: replaced knowingly. */
	groupSeen: Map<string, Set<string>>;
	undos: number;
	conflictsSeen: number;
	/** Markers and items an undo or redo removed or brought back: present at most once. */
	undone: Set<string>;
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

function randomOp(r: Replica, g: Rng, ledger: Ledger, tag: () => string, op: number) {
	const main = r.stores.main;
	const shard = r.stores['visits-2026'];
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
		case 12:
			if (hh) main.update('household', hh, { group: `组${tag()}` });
			return;
		case 13:
			if (r.docs.undo()) ledger.undos++;
			return;
		case 14:
			r.docs.redo();
			return;
		case 15: {
			if (!hh) return;
			const open = main.conflicts('household', hh).filter((c) => c.path.join('/') === 'group');
			if (open.length === 0) return;
			ledger.conflictsSeen++;
			// The person sees every value and picks one: all of them were replaced knowingly.
			for (const c of open) if (typeof c.value === 'string') track(ledger.groupSeen, hh, c.value);
			const pick = g.pick([...open.map((c) => c.value), open[0]?.current]);
			main.resolveConflict('household', hh, ['group'], pick);
			return;
		}
		default:
			if (vi) {
				shard.setPath('visit', vi, ['findings', g.pick(['q1', 'q2', 'q3']) ?? 'q1'], g.chance(0.5));
				if (g.chance(0.5)) shard.update('visit', vi, { purpose: `目的${tag()}` });
			}
	}
}

/** Runs one op and notes how it changed 组 on this replica (only its own writes change it). */
function tracedOp(r: Replica, g: Rng, ledger: Ledger, tag: () => string) {
	const groups = () =>
		new Map(
			r.stores.main
				.ids('household')
				.map((id) => [id, r.stores.main.raw('household', id)?.['group']])
		);
	const contents = () => {
		const out = new Set<string>();
		for (const [name, kind] of [
			['main', 'household'],
			['main', 'plan'],
			['visits-2026', 'visit']
		] as const)
			for (const id of r.stores[name].ids(kind)) {
				const raw = r.stores[name].raw(kind, id) ?? {};
				for (const m of String(raw[TEXTS[kind]] ?? '').match(/⟦[^⟧]*⟧/g) ?? []) out.add(m);
				for (const list of ['members', 'measures'])
					for (const item of Object.keys((raw[list] as object | undefined) ?? {}))
						out.add(`${kind}:${id}:${list}:${item}`);
			}
		return out;
	};
	const op = g.int(16);
	const had = op === 13 || op === 14 ? contents() : undefined;
	// Only these ops write 组: an edit, undo, redo, a conflict pick.
	const before = op >= 12 && op <= 15 ? groups() : undefined;
	randomOp(r, g, ledger, tag, op);
	if (had) {
		const now = contents();
		for (const x of had) if (!now.has(x)) ledger.undone.add(x);
		for (const x of now) if (!had.has(x)) ledger.undone.add(x);
	}
	for (const [id, value] of before ? groups() : []) {
		const was = before?.get(id);
		if (value === was) continue;
		if (typeof value === 'string') track(ledger.groupWrites, id, value);
		if (typeof was === 'string') track(ledger.groupSeen, id, was);
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
		removedItems: new Set(),
		groupWrites: new Map(),
		groupSeen: new Map(),
		undos: 0,
		conflictsSeen: 0,
		undone: new Set()
	};
	let counter = 0;
	for (let step = 0; step < steps; step++) {
		const r = replicas[g.int(n)];
		if (!r) continue;
		const roll = g.next();
		if (roll < 0.5) tracedOp(r, g, ledger, () => `${replicas.indexOf(r)}x${counter++}`);
		else if (roll < 0.55) r.online = !r.online;
		else if (roll < 0.7) flush(replicas, r);
		else deliverOne(r, g);
	}
	for (const r of replicas) r.online = true;
	// Conflict entries are written when a lost value arrives, so deliver until quiet.
	while (replicas.some((r) => r.outbox.length > 0 || r.inbox.length > 0)) {
		for (const r of replicas) flush(replicas, r);
		for (const r of replicas) while (r.inbox.length) deliverOne(r, g);
	}

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
			if (ledger.undone.has(m)) expect(times, `${m} in ${key}`).toBeLessThanOrEqual(1);
			else expect(times, `${m} in ${key}`).toBe(ledger.deletedMarkers.has(m) ? 0 : 1);
		}
	}
	for (const [key, added] of ledger.items) {
		const [kind, id, list] = key.split(':') as ['household' | 'plan', string, string];
		const present = Object.keys(
			(first.stores.main.raw(kind, id)?.[list] as object | undefined) ?? {}
		);
		const touched = (i: string) => ledger.undone.has(`${key}:${i}`);
		const want = [...added].filter((i) => !ledger.removedItems.has(`${key}:${i}`) && !touched(i));
		expect(present.filter((i) => !touched(i)).sort(), key).toEqual(want.sort());
	}
	// Every record still reads as its kind: no half item (a field edit standing without the
	// item it was made on) or other merge leftover makes a record invalid.
	for (const name of DOCS)
		for (const kind of ['household', 'plan', 'visit'] as const)
			for (const id of first.stores[name].ids(kind)) {
				const r = first.stores[name].get(kind, id);
				expect(r?.ok ? [] : r?.issues, `${kind} ${id}`).toEqual([]);
			}
	// No value of 组 that a replica wrote is gone unless someone replaced it knowingly or it is
	// kept as a conflict entry (open, or closed by a person who saw it).
	let conflicts = 0;
	for (const [id, written] of ledger.groupWrites) {
		const current = first.stores.main.raw('household', id)?.['group'];
		const kept = new Set(
			[...first.stores.main.doc.getMap<unknown>('x:household').entries()]
				.filter(([k]) => k.startsWith(`${id}/group@`))
				.map(([, v]) => (v as { value?: unknown } | null)?.value)
		);
		conflicts += first.stores.main.conflicts('household', id).length;
		const seen = ledger.groupSeen.get(id) ?? new Set();
		for (const value of written) {
			if (value === current || seen.has(value) || kept.has(value)) continue;
			throw new Error(`household ${id}: 组 "${value}" was lost without a conflict entry`);
		}
	}
	for (const r of replicas) r.docs.destroy();
	return {
		markers: [...ledger.markers.values()].reduce((a, s) => a + s.size, 0),
		items: [...ledger.items.values()].reduce((a, s) => a + s.size, 0),
		undos: ledger.undos,
		conflicts: conflicts + ledger.conflictsSeen
	};
}

describe('convergence (randomized)', () => {
	// CI runs 25 worlds from a fixed master seed, so a red run is always reproducible;
	// FUZZ_RANDOM=1 explores new seeds. Seed 662201 is a known failure (a keyed member that
	// one replica keeps and the others do not, found 2026-12-02, see the closing note of 2026-12-02):
	// FUZZ_SEED=662201 replays it.
	const fixed = process.env['FUZZ_SEED'];
	const explore = process.env['FUZZ_RANDOM'] === '1';
	const master = fixed ? Number(fixed) : explore ? Math.floor(Math.random() * 1e6) : 399716;
	const runs = Number(process.env['FUZZ_RUNS'] ?? (fixed ? 1 : 25));

	it(
		`replicas converge and keep every acknowledged edit, or its conflict entry (seed ${master})`,
		async () => {
			console.log(`convergence fuzz: FUZZ_SEED=${master} (runs ${runs})`);
			let markers = 0;
			let items = 0;
			let undos = 0;
			let conflicts = 0;
			// Every world runs, so one exploring run names all the seeds that fail.
			const failed: { seed: number; error: unknown }[] = [];
			for (let i = 0; i < runs; i++) {
				const seed = master + i;
				try {
					const r = await run(seed, 600);
					markers += r.markers;
					items += r.items;
					undos += r.undos;
					conflicts += r.conflicts;
				} catch (error) {
					console.error(`convergence fuzz failed: replay with FUZZ_SEED=${seed}`);
					failed.push({ seed, error });
				}
			}
			if (failed.length > 0) {
				console.error(
					`convergence fuzz: ${failed.length} of ${runs} worlds failed:`,
					failed.map((f) => f.seed).join(' ')
				);
				throw failed[0]?.error;
			}
			// The run must have exercised texts and keyed lists, not just refused every edit.
			expect(markers).toBeGreaterThan(runs * 5);
			expect(items).toBeGreaterThan(runs * 3);
			// …and undo/redo by several replicas, and same-field edits that really conflicted.
			expect(undos).toBeGreaterThan(runs * 3);
			expect(conflicts).toBeGreaterThan(runs);
		},
		Math.max(180_000, runs * 7_200)
	); // 2 shared cores: a busy machine runs this several times slower
});
