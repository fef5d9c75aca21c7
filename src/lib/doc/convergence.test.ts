import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tracedOp } from './fuzz-ops';
import {
	DOCS,
	TEXTS,
	deliverOne,
	flush,
	newLedger,
	replica,
	rng,
	snapshot,
	type TextKind
} from './fuzz-world';

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

async function run(seed: number, steps: number) {
	const g = rng(seed);
	const n = 3 + g.int(3);
	const replicas = await Promise.all(Array.from({ length: n }, (_, i) => replica(i, seed)));
	const ledger = newLedger();
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

/** Steps per world; FUZZ_STEPS=2000 explores longer histories (a seed replays with the same). */
const STEPS = Number(process.env['FUZZ_STEPS'] ?? 600);

/** Runs `runs` worlds from `master` (seeds master, master + 1, …), naming every one that fails. */
async function fuzz(master: number, runs: number) {
	const steps = STEPS === 600 ? '' : ` FUZZ_STEPS=${STEPS}`;
	console.log(`convergence fuzz: FUZZ_SEED=${master} FUZZ_RUNS=${runs}${steps}`);
	let markers = 0;
	let items = 0;
	let undos = 0;
	let conflicts = 0;
	const failed: { seed: number; error: unknown }[] = [];
	for (let i = 0; i < runs; i++) {
		const seed = master + i;
		try {
			const r = await run(seed, STEPS);
			markers += r.markers;
			items += r.items;
			undos += r.undos;
			conflicts += r.conflicts;
		} catch (error) {
			failed.push({ seed, error });
		}
	}
	if (failed.length > 0) {
		const seeds = failed.map((f) => f.seed).join(' ');
		console.error(`convergence fuzz: ${failed.length} of ${runs} worlds failed: ${seeds}`);
		console.error(`replay one with FUZZ_SEED=${failed[0]?.seed}${steps}`);
		throw failed[0]?.error;
	}
	// The run must have exercised texts and keyed lists, not just refused every edit.
	expect(markers).toBeGreaterThan(runs * 5);
	expect(items).toBeGreaterThan(runs * 3);
	// …and undo/redo by several replicas, and same-field edits that really conflicted.
	expect(undos).toBeGreaterThan(runs * 3);
	expect(conflicts).toBeGreaterThan(runs);
}

// 2 shared cores: a busy machine runs a world several times slower than a quiet one.
const timeout = (runs: number) => Math.max(180_000, runs * 7_200);

describe('convergence (randomized)', () => {
	// Every run does both: 25 worlds from a fixed master seed (the same worlds every time, so a
	// change that breaks one is red for everyone) and 15 worlds from a new random master seed
	// (new ground each run; a failure prints FUZZ_SEED=<seed>, which replays that world).
	// FUZZ_SEED=<seed> [FUZZ_RUNS=n] replays from a seed; FUZZ_RANDOM=1 [FUZZ_RUNS=n] explores
	// only. Seed 662201 was a half item after an undone addition (keyed-items.test.ts).
	const fixed = process.env['FUZZ_SEED'];
	const runs = process.env['FUZZ_RUNS'] ? Number(process.env['FUZZ_RUNS']) : undefined;
	const random = () => Math.floor(Math.random() * 1e6);
	const worlds: [master: number, runs: number][] = fixed
		? [[Number(fixed), runs ?? 1]]
		: process.env['FUZZ_RANDOM'] === '1'
			? [[random(), runs ?? 25]]
			: [
					[399716, 25],
					[random(), 15]
				];
	for (const [master, n] of worlds)
		it(
			`replicas converge and keep every acknowledged edit, or its conflict entry (seed ${master}, ${n} worlds)`,
			() => fuzz(master, n),
			timeout(n)
		);
});
