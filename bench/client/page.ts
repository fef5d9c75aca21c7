// Runs inside Chromium (bundled by bundle-page.ts): the app's own document layer, IndexedDB
// persistence and risk rules, without its UI. It measures what the UI sits on so those rows
// have figures before the UI offers a bench hook; the full-app rows need window.__bangfuBench
// (see docs/benchmarks.md). Timings use performance.now() in the page, so they include the
// CDP CPU throttle the harness sets.
import { WorkspaceDocs } from '../../src/lib/doc';
import { compact, docDbName, persistDoc, type PersistedDoc } from '../../src/lib/local/persistence';
import { RuleEngine, ruleSettings, type RuleContext } from '../../src/lib/rules';
import { watchAlerts } from '../../src/lib/services/alerts';
import { startRules } from '../../src/lib/services/rules-worker';
import { buildCountyDataset, count, populateWorkspace } from '../../tests/factories';

const persisted = new Map<string, PersistedDoc>();
let open: WorkspaceDocs | null = null;

function opener(workspaceId: string) {
	return async (doc: import('yjs').Doc, info: { name: string }) => {
		persisted.set(info.name, await persistDoc(workspaceId, info.name, doc));
	};
}

/** Resolves when every write queued so far on `db` has committed: a readonly transaction
 * that overlaps earlier readwrite ones may only start once they have finished. */
function committed(db: IDBDatabase): Promise<void> {
	return new Promise((res, rej) => {
		const tx = db.transaction(['updates'], 'readonly');
		tx.objectStore('updates').count();
		tx.oncomplete = () => res();
		tx.onerror = () => rej(tx.error);
	});
}

function openDb(name: string): Promise<IDBDatabase> {
	return new Promise((res, rej) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => res(req.result);
		req.onerror = () => rej(req.error);
	});
}

async function seed(seedValue: number) {
	const t0 = performance.now();
	const ds = buildCountyDataset(seedValue);
	const built = performance.now() - t0;
	persisted.clear();
	const docs = await WorkspaceDocs.open({
		workspaceId: ds.workspaceId,
		actor: ds.actor,
		opener: opener(ds.workspaceId)
	});
	await populateWorkspace(docs, ds);
	// What the app does in idle time after an open: one merged entry per document.
	for (const p of persisted.values()) await compact(p.persistence);
	for (const p of persisted.values()) await p.destroy();
	persisted.clear();
	return {
		workspaceId: ds.workspaceId,
		households: count(ds, 'household'),
		visits: count(ds, 'visit'),
		buildMs: built,
		totalMs: performance.now() - t0
	};
}

/** Main document from IndexedDB to the first screenful of the households list (50 rows:
 * name and village, as the list shows them), no rendering. */
async function openWorkspace(workspaceId: string, rows = 50) {
	const t0 = performance.now();
	const docs = await WorkspaceDocs.open({
		workspaceId,
		actor: 'bench',
		opener: opener(workspaceId)
	});
	const loadedMs = performance.now() - t0;
	const first = docs.main
		.list('household')
		.slice(0, rows)
		.map((r) => (r.ok ? `${r.record.headName} ${r.record.village}` : r.id));
	const ms = performance.now() - t0;
	open = docs;
	return { ms, loadedMs, rows: first.length };
}

function ruleInput(docs: WorkspaceDocs) {
	const ok = <T>(rs: { ok: boolean; record?: T }[]) =>
		rs.flatMap((r) => (r.ok && r.record !== undefined ? [r.record] : []));
	return {
		households: ok(docs.main.list('household')),
		cases: ok(docs.main.list('case')),
		plans: ok(docs.main.list('plan')),
		lastVisitByHousehold: docs.lastVisits()
	};
}

/** Every rule over every household, `times` times; then one household edited and
 * re-evaluated alone, `times` times. */
function rules(times: number, today: string) {
	const docs = open;
	if (!docs) throw new Error('open the workspace first');
	const t0 = performance.now();
	const input = ruleInput(docs);
	const readMs = performance.now() - t0;
	const ctx: RuleContext = { settings: ruleSettings(), today };
	const full: number[] = [];
	let engine = new RuleEngine(ctx);
	for (let i = 0; i < times; i++) {
		engine = new RuleEngine(ctx);
		const s = performance.now();
		engine.load(input);
		full.push(performance.now() - s);
	}
	const alerts = engine.alerts().length;
	const incremental: number[] = [];
	const ids = input.households.map((h) => h.id);
	for (let i = 0; i < times; i++) {
		const id = ids[(i * 37) % ids.length] ?? '';
		const edit = docs.main.update('household', id, { housingGrade: i % 2 ? 'C' : 'D' });
		if (!edit.ok) throw new Error(`edit refused: ${JSON.stringify(edit.issues)}`);
		const r = docs.main.get('household', id);
		const s = performance.now();
		engine.updateHousehold(id, r?.ok ? r.record : undefined);
		incremental.push(performance.now() - s);
	}
	return { full, incremental, readMs, alerts, households: ids.length };
}

/**
 * The app's path: `watchAlerts` over the open documents with the rules in a worker (the
 * page serves the worker's bundle). The longest main-thread task is read two ways: Long
 * Tasks entries (≥ 50 ms) and the widest gap between 0 ms timers (a task plus the timer's
 * own clamp, so an upper bound). Then `times` household edits, each until its alerts are
 * published, with the same probe running ("while someone types").
 */
/** An edit whose alerts are not published within this long is counted, not waited for. */
const EDIT_TIMEOUT_MS = 10_000;

async function rulesWorker(times: number, today: string) {
	const docs = open;
	if (!docs) throw new Error('open the workspace first');
	const ctx: RuleContext = { settings: ruleSettings(), today };
	let last = performance.now();
	let widest = 0;
	let probing = true;
	const tick = () => {
		const now = performance.now();
		widest = Math.max(widest, now - last);
		last = now;
		if (probing) setTimeout(tick, 0);
	};
	setTimeout(tick, 0);
	const long: number[] = [];
	const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)));
	obs.observe({ type: 'longtask' });
	let alerts = 0;
	let published: (() => void) | undefined;
	const next = () => new Promise<void>((r) => (published = r));
	const t0 = performance.now();
	const first = next();
	const stop = watchAlerts(
		docs,
		() => ctx,
		(a) => {
			alerts = a.length;
			published?.();
		},
		{ start: () => startRules(() => new Worker('/rules-worker.js', { name: 'rules' })) }
	);
	await first;
	const fullMs = performance.now() - t0;
	const openWidest = widest;
	const openLong = [...long];
	widest = 0;
	long.length = 0;
	const edits: number[] = [];
	const ids = docs.main.ids('household');
	let unpublished = 0;
	for (let i = 0; i < times; i++) {
		const id = ids[(i * 53) % ids.length] ?? '';
		// An edit that moves an alert: unchanged alerts are not published again, so setting a
		// grade the household already has (rules() above set some to 'D') would wait forever.
		const before = docs.main.get('household', id);
		const unsafe = before?.ok && ['C', 'D'].includes(before.record.housingGrade ?? '');
		const done = next();
		const s = performance.now();
		const edit = docs.main.update('household', id, { housingGrade: unsafe ? 'B' : 'D' });
		if (!edit.ok) throw new Error('edit refused');
		const timedOut = await Promise.race([
			done.then(() => false),
			new Promise<boolean>((r) => setTimeout(() => r(true), EDIT_TIMEOUT_MS))
		]);
		if (timedOut) unpublished++;
		else edits.push(performance.now() - s);
		await new Promise((r) => setTimeout(r, 20));
	}
	probing = false;
	obs.disconnect();
	stop();
	return {
		fullMs,
		alerts,
		openWidestGapMs: openWidest,
		openLongTasks: openLong,
		edits,
		unpublished,
		typingWidestGapMs: widest,
		typingLongTasks: [...long]
	};
}

/** One character typed into a plan's text, until IndexedDB has committed it. */
async function keystrokes(times: number, workspaceId: string) {
	const docs = open;
	if (!docs) throw new Error('open the workspace first');
	const plan = docs.main.list('plan').find((r) => r.ok);
	if (!plan) throw new Error('the county data set has no plan');
	const db = await openDb(docDbName(workspaceId, 'main'));
	const out: number[] = [];
	try {
		for (let i = 0; i < times; i++) {
			const text = docs.main.text('plan', plan.id, 'text');
			const s = performance.now();
			text.insert(text.length, 'a');
			await committed(db);
			out.push(performance.now() - s);
			await new Promise((r) => setTimeout(r, 20));
		}
	} finally {
		db.close();
	}
	return out;
}

declare global {
	interface Window {
		__bangfuDocBench?: {
			seed: typeof seed;
			openWorkspace: typeof openWorkspace;
			rules: typeof rules;
			rulesWorker: typeof rulesWorker;
			keystrokes: typeof keystrokes;
		};
	}
}
window.__bangfuDocBench = { seed, openWorkspace, rules, rulesWorker, keystrokes };
