// The county's first sync and a week of others' edits, as the wire suite sends them: the main
// document and this year's visits shard (the rooms a device opens first), built through the
// shared factories and the real document API like the client suite's data set, then a week
// by the county's cadres on top — one visit per household they see that week (monthly visits:
// 2,000 households / 4.3 weeks ≈ 465) and one household field updated per visit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WorkspaceDocs } from '../../src/lib/doc';
import {
	buildCountyDataset,
	makeHousehold,
	makeVisit,
	openDatasetDocs,
	populateWorkspace
} from '../../tests/factories';

export const WEEK_VISITS = Math.round(2000 / (52 / 12));

export type RoomState = {
	/** '' for the main document, else the shard's name (visits-2025). */
	shard: string;
	base: Uint8Array;
	/** The week's edits on top of `base` (Y.encodeStateAsUpdate against base's state vector). */
	week: Uint8Array;
};

export type County = { workspaceId: string; rooms: RoomState[]; buildMs: number; cached: boolean };

/** Rebuilt when the factories, the document layer or the domain change (their tree hashes). */
function cacheKey(root: string, seed: number): string | null {
	try {
		const trees = ['tests/factories', 'src/lib/doc', 'src/lib/domain', 'bench/wire/county.ts'].map(
			(p) => execFileSync('git', ['rev-parse', `HEAD:${p}`], { cwd: root, encoding: 'utf8' }).trim()
		);
		const dirty = execFileSync(
			'git',
			[
				'status',
				'--porcelain',
				'tests/factories',
				'src/lib/doc',
				'src/lib/domain',
				'bench/wire/county.ts'
			],
			{ cwd: root, encoding: 'utf8' }
		).trim();
		if (dirty !== '') return null;
		return `${seed}-${trees.map((t) => t.slice(0, 10)).join('-')}`;
	} catch {
		return null;
	}
}

export async function countyRooms(
	root: string,
	seed: number,
	log: (m: string) => void
): Promise<County> {
	const t0 = performance.now();
	const key = cacheKey(root, seed);
	const dir = key ? join(tmpdir(), `bangfu-bench-wire-${key}`) : null;
	if (dir && existsSync(join(dir, 'county.json'))) {
		const meta = JSON.parse(readFileSync(join(dir, 'county.json'), 'utf8')) as {
			workspaceId: string;
			shards: string[];
		};
		const rooms = meta.shards.map((shard, i) => ({
			shard,
			base: readFileSync(join(dir, `${i}.base`)),
			week: readFileSync(join(dir, `${i}.week`))
		}));
		return { workspaceId: meta.workspaceId, rooms, buildMs: performance.now() - t0, cached: true };
	}
	log('wire: building the county data set (factories + document API; cached afterwards)');
	const ds = buildCountyDataset(seed);
	const docs = await openDatasetDocs(ds);
	await populateWorkspace(docs, ds);
	const year = Math.max(...ds.years);
	const shardName = `visits-${year}`;
	const pickStores = (d: WorkspaceDocs) =>
		d.stores().filter((s) => s.name === 'main' || s.name === shardName);
	const bases = pickStores(docs).map((s) => Y.encodeStateAsUpdate(s.doc));
	docs.destroy();

	// The week, written by another device (another actor, a later clock) over the same base.
	log('wire: writing a week of the county’s edits on top');
	const at = new Date(`${year}-12-31T18:00:00.000Z`);
	const other = await WorkspaceDocs.open({
		workspaceId: ds.workspaceId,
		actor: 'c-week',
		now: () => at
	});
	const shard = await other.visits(year);
	const stores = [other.main, shard];
	stores.forEach((s, i) => Y.applyUpdate(s.doc, bases[i]!));
	const svs = stores.map((s) => Y.encodeStateVector(s.doc));
	const households = (ds.records.household ?? []).map((e) => e.id);
	for (let i = 0; i < WEEK_VISITS; i++) {
		const hid = households[(i * 4 + 1) % households.length] ?? '';
		const day = String(24 + (i % 7)).padStart(2, '0');
		const v = shard.create('visit', makeVisit(hid, `${year}-12-${day}`, 50_000 + i));
		if (!v.ok) throw new Error(`week visit ${i}: ${JSON.stringify(v.issues)}`);
		const from = makeHousehold(60_000 + i);
		const u = other.main.update(
			'household',
			hid,
			i % 2 === 0 ? { village: from.village } : { headName: from.headName }
		);
		if (!u.ok) throw new Error(`week edit ${i}: ${JSON.stringify(u.issues)}`);
	}
	const rooms: RoomState[] = stores.map((s, i) => ({
		shard: s === other.main ? '' : shardName,
		base: bases[i]!,
		week: Y.encodeStateAsUpdate(s.doc, svs[i]!)
	}));
	other.destroy();
	if (dir) {
		mkdirSync(dir, { recursive: true });
		rooms.forEach((r, i) => {
			writeFileSync(join(dir, `${i}.base`), r.base);
			writeFileSync(join(dir, `${i}.week`), r.week);
		});
		writeFileSync(
			join(dir, 'county.json'),
			JSON.stringify({ workspaceId: ds.workspaceId, shards: rooms.map((r) => r.shard) })
		);
	}
	return { workspaceId: ds.workspaceId, rooms, buildMs: performance.now() - t0, cached: false };
}
