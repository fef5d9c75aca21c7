/**
 * Measures document layouts on the county data set (docs/decisions/0001-document-layout.md).
 * Run: node --expose-gc --import tsx bench/doc-layout.ts [seed]
 * For each layout: encoded size, time to apply into a fresh Y.Doc, heap held after gc, and
 * the time to parse every household (what the first list needs).
 */
import * as Y from 'yjs';
import { KINDS } from '../src/lib/domain';
import {
	buildCountyDataset,
	openDatasetDocs,
	populateWorkspace,
	type Dataset
} from '../tests/factories';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const seed = Number(process.argv[2] ?? 1);
const heap = () => {
	gc();
	gc();
	return process.memoryUsage().heapUsed;
};
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Every record a Y.Map of fields, nested objects Y.Maps, long text Y.Text: the baseline. */
function naive(ds: Dataset): Uint8Array {
	const doc = new Y.Doc();
	const toY = (value: unknown): unknown => {
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const m = new Y.Map();
			for (const [k, v] of Object.entries(value)) if (v !== undefined) m.set(k, toY(v));
			return m;
		}
		return value;
	};
	doc.transact(() => {
		for (const [kind, list] of Object.entries(ds.records)) {
			const texts: readonly string[] = KINDS[kind as keyof typeof KINDS].texts; // keys of KINDS
			const root = doc.getMap(kind);
			for (const { id, draft } of list) {
				const m = new Y.Map();
				root.set(id, m);
				for (const [k, v] of Object.entries(draft)) {
					if (v === undefined) continue;
					if (texts.includes(k)) m.set(k, new Y.Text(String(v)));
					else m.set(k, toY(v));
				}
			}
		}
	});
	return Y.encodeStateAsUpdate(doc);
}

interface Row {
	layout: string;
	bytes: number;
	applyMs: number;
	heapMb: number;
}
const rows: Row[] = [];

function measure(layout: string, updates: Uint8Array[]) {
	const before = heap();
	const t = performance.now();
	const docs = updates.map((u) => {
		const d = new Y.Doc();
		Y.applyUpdate(d, u);
		return d;
	});
	const applyMs = performance.now() - t;
	const held = heap() - before;
	rows.push({
		layout,
		bytes: updates.reduce((n, u) => n + u.length, 0),
		applyMs,
		heapMb: held / 1024 / 1024
	});
	for (const d of docs) d.destroy();
}

const ds = buildCountyDataset(seed);
const years = ds.years;
const last = years.at(-1) ?? 0;

const docs = await openDatasetDocs(ds);
await populateWorkspace(docs, ds);
const main = Y.encodeStateAsUpdate(docs.main.doc);
const shards = new Map<number, Uint8Array>();
for (const y of years) shards.set(y, Y.encodeStateAsUpdate((await docs.visits(y)).doc));
docs.destroy();

measure('chosen: main doc only (first paint)', [main]);
measure(`chosen: main + current year shard (visits-${last})`, [
	main,
	shards.get(last) ?? new Uint8Array()
]);
measure('chosen: main + all three year shards', [main, ...shards.values()]);

{
	const u = naive(ds);
	measure('naive: one doc, Y.Map per record and field, Y.Text notes', [u]);
}

// What the first list costs on top of loading: parse every household (cold cache).
{
	const fresh = await openDatasetDocs(ds);
	Y.applyUpdate(fresh.main.doc, main);
	const t = performance.now();
	const list = fresh.main.list('household');
	const parseMs = performance.now() - t;
	const t2 = performance.now();
	const lastVisits = fresh.lastVisits();
	const summaryMs = performance.now() - t2;
	console.log(
		`first list: parse ${list.length} households ${parseMs.toFixed(0)} ms; last-visit summary of ${lastVisits.size} subjects ${summaryMs.toFixed(1)} ms`
	);
	// The same again in a second family: schemas are compiled and the JIT is warm.
	const again = await openDatasetDocs(ds);
	Y.applyUpdate(again.main.doc, main);
	const t4 = performance.now();
	again.main.list('household');
	console.log(`again (warm): parse 2000 households ${(performance.now() - t4).toFixed(0)} ms`);
	again.destroy();
	const shard = await fresh.visits(last);
	Y.applyUpdate(shard.doc, shards.get(last) ?? new Uint8Array());
	const t3 = performance.now();
	const visits = shard.list('visit');
	console.log(
		`parse ${visits.length} visits of ${last}: ${(performance.now() - t3).toFixed(0)} ms`
	);
	fresh.destroy();
}

console.log(
	`\ncounty seed ${seed}: ${ds.records.household?.length} households, ${ds.records.visit?.length} visits`
);
console.log('| layout | encoded | apply | heap held |\n|---|---|---|---|');
for (const r of rows)
	console.log(
		`| ${r.layout} | ${mb(r.bytes)} MB | ${r.applyMs.toFixed(0)} ms | ${r.heapMb.toFixed(0)} MB |`
	);
