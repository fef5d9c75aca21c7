// Where the cold open of the county list spends its time: one traced load at 4× CPU, from
// navigation start to the 'bangfu:first-list' mark, read from Chromium's trace (the sampled
// V8 CPU profile plus the renderer main thread's tasks). Not a suite: a tool for the row's
// notes and docs/benchmarks.md.
//
//   node --import tsx bench/client/profile.ts [ROOT]      (SCHOOL=1: the school's student list)
//
// ROOT is a checkout whose build/ is served (default: this one). With a build that has source
// maps (`npx vite build --sourcemap` in a copy of the tree) frames are named by their source
// file; otherwise by chunk.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { BrowserContext } from '@playwright/test';
import { killAll } from '../lib/procs';
import { startRelay } from '../relay/servers';
import { countyPayload, FIRST_LIST_MARK, seedCounty, STUDENTS } from './app';
import { CPU_SLOWDOWN, launch } from './browser';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; parent?: number };
type TraceEvent = {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	id?: string;
	args?: {
		/** process_name / thread_name metadata. */
		name?: string;
		data?: {
			startTime?: number;
			documentLoaderURL?: string;
			cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
			timeDeltas?: number[];
		};
	};
};

const CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'v8',
	'blink.user_timing',
	'disabled-by-default-v8.cpu_profiler',
	'toplevel'
];

/** Maps a (chunk url, line, column) to the original source file through the build's maps. */
export function sourceMapper(buildDir: string) {
	const maps = new Map<string, TraceMap | null>();
	return (frame: CallFrame): { source: string; line: number; name: string } => {
		const path = frame.url.replace(/^https?:\/\/[^/]+\//, '');
		if (!path) return { source: '(native)', line: 0, name: frame.functionName || '(anon)' };
		let map = maps.get(path);
		if (map === undefined) {
			const file = join(buildDir, `${path}.map`);
			map = existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null;
			maps.set(path, map);
		}
		if (!map) return { source: path, line: frame.lineNumber + 1, name: frame.functionName };
		const o = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
		const source = (o.source ?? path)
			.replace(/^.*node_modules\//, 'node_modules/')
			.replace(/^(\.\.\/)+/, '');
		return { source, line: o.line ?? 0, name: o.name ?? frame.functionName };
	};
}

/** Which part of the open a sample belongs to, from its whole stack (root first). */
function phase(stack: { source: string; name: string }[]): string {
	const has = (re: RegExp) => stack.some((f) => re.test(f.source));
	// Outermost owner wins: y-indexeddb's applyUpdate calls Yjs, the session's rows call the
	// document layer, the rules call validation and dates.
	if (has(/y-indexeddb/)) return 'y-indexeddb: read, Y.applyUpdate, re-encode for its update event';
	if (has(/services\/alerts|src\/lib\/rules\//))
		return 'rules + validation (alerts.ts, scheduled after paint)';
	if (has(/households\/\+page\.svelte/)) return 'households page: rows derive/sort + render';
	if (has(/services\/workspace\.svelte/))
		return 'session #watch: raw rows of every kind (decodeBase)';
	if (has(/node_modules\/yjs|node_modules\/lib0/)) return 'Yjs/lib0 (other)';
	if (has(/src\/lib\/doc\//)) return 'document layer (other)';
	if (has(/node_modules\/svelte|node_modules\/@sveltejs|src\/routes\//))
		return 'Svelte/Kit runtime, layouts';
	if (has(/node_modules\/dexie|node_modules\/zod|local\/db|device\.svelte/))
		return 'Dexie + zod (device service)';
	if (stack.length === 0) return '(no JS)';
	const leaf = stack[stack.length - 1]!;
	if (/^\((garbage collector|program|idle)\)$/.test(leaf.name)) return leaf.name;
	return `other: ${leaf.source}`;
}

export async function profileOpen(
	context: BrowserContext,
	url: string,
	buildDir: string,
	listMark = FIRST_LIST_MARK
) {
	const browser = context.browser()!;
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	await browser.startTracing(page, { categories: CATEGORIES });
	await page.goto(url, { waitUntil: 'commit' });
	await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, listMark, {
		timeout: 60_000
	});
	const markMs = await page.evaluate(
		(m) => performance.getEntriesByName(m)[0]!.startTime,
		listMark
	);
	await page.waitForTimeout(300);
	const traceBuf = await browser.stopTracing();
	// TRACE_OUT=file: keep the raw trace (open it in DevTools' Performance panel).
	if (process.env['TRACE_OUT']) writeFileSync(process.env['TRACE_OUT'], traceBuf);
	const raw = JSON.parse(traceBuf.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
	await page.close();
	const events = Array.isArray(raw) ? raw : raw.traceEvents;
	const mark = events.find((e) => e.name === listMark);
	if (!mark) throw new Error('mark not in the trace');
	const start = events
		.filter(
			(e) =>
				e.name === 'navigationStart' &&
				e.pid === mark.pid &&
				e.ts <= mark.ts &&
				(e.args?.data?.documentLoaderURL ?? '').includes(new URL(url).pathname)
		)
		.at(-1);
	if (!start) throw new Error('navigationStart not in the trace');
	const [t0, t1] = [start.ts, mark.ts];
	const onMain = (e: TraceEvent) => e.pid === mark.pid && e.tid === mark.tid;

	// Main-thread tasks: busy time vs waiting (IndexedDB, the service worker, network).
	const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask');
	const clip = (e: TraceEvent) =>
		Math.max(0, Math.min(e.ts + (e.dur ?? 0), t1) - Math.max(e.ts, t0));
	const busy = tasks.reduce((s, e) => s + clip(e), 0);
	// Other processes' busiest threads in the same window: on 2 cores whatever else runs
	// (the browser, another renderer) competes with the page for CPU.
	const names = new Map<string, string>();
	for (const e of events)
		if (e.name === 'process_name' || e.name === 'thread_name')
			names.set(`${e.pid}${e.name === 'thread_name' ? `:${e.tid}` : ''}`, String(e.args?.name));
	const others = new Map<string, number>();
	for (const e of events) {
		if (e.ph !== 'X' || e.name !== 'RunTask' || onMain(e)) continue;
		const k = `${names.get(String(e.pid)) ?? e.pid} / ${names.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
		others.set(k, (others.get(k) ?? 0) + clip(e));
	}
	const byEvent = new Map<string, number>();
	for (const e of events) {
		if (!onMain(e) || e.ph !== 'X') continue;
		if (
			!/^(ParseHTML|EvaluateScript|v8\.compile|v8\.compileModule|UpdateLayoutTree|Layout|Paint|PrePaint|MajorGC|MinorGC|V8\.GC_MARK_COMPACTOR|ScheduleStyleRecalculation|Commit|Layerize)$/.test(
				e.name
			)
		)
			continue;
		byEvent.set(e.name, (byEvent.get(e.name) ?? 0) + clip(e));
	}

	// The sampled CPU profile of the main thread. Profile ids are per process ('0x1' in every
	// renderer), so a chunk is ours only if it also comes from the mark's process: matching by
	// id alone mixed another renderer's samples (and clock) into this one's.
	const profileIds = new Set(
		events.filter((e) => e.name === 'Profile' && onMain(e)).map((e) => e.id ?? '')
	);
	const profStart =
		events.find((e) => e.name === 'Profile' && onMain(e))?.args?.data?.startTime ?? 0;
	const nodes = new Map<number, ProfileNode>();
	const samples: { node: number; ts: number }[] = [];
	let ts = profStart;
	for (const e of events) {
		if (e.name !== 'ProfileChunk' || e.pid !== mark.pid || !profileIds.has(e.id ?? '')) continue;
		const d = e.args?.data;
		for (const n of d?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
		const ids = d?.cpuProfile?.samples ?? [];
		const deltas = d?.timeDeltas ?? [];
		ids.forEach((id, i) => {
			ts += deltas[i] ?? 0;
			samples.push({ node: id, ts });
		});
	}
	const map = sourceMapper(buildDir);
	const framesCache = new Map<number, { source: string; name: string; line: number }[]>();
	const stackOf = (id: number) => {
		let s = framesCache.get(id);
		if (s) return s;
		s = [];
		for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
			if (n.callFrame.functionName === '(root)') continue;
			s.unshift(
				n.callFrame.url
					? map(n.callFrame)
					: { source: '(native)', line: 0, name: n.callFrame.functionName }
			);
		}
		framesCache.set(id, s);
		return s;
	};
	// LEAF=regex: the callers of the functions it matches (their last 8 frames), by time.
	const leafRe = process.env['LEAF'] ? new RegExp(process.env['LEAF']) : undefined;
	const leafStacks = new Map<string, number>();
	const phases = new Map<string, number>();
	const inPhase = new Map<string, Map<string, number>>();
	const selfBy = new Map<string, number>();
	for (let i = 0; i < samples.length - 1; i++) {
		const s = samples[i]!;
		const dt = Math.min(samples[i + 1]!.ts, t1) - Math.max(s.ts, t0);
		if (dt <= 0) continue;
		const stack = stackOf(s.node);
		const p = phase(stack);
		phases.set(p, (phases.get(p) ?? 0) + dt);
		const leaf = stack.at(-1);
		const key = leaf ? `${leaf.name} (${leaf.source}:${leaf.line})` : '(none)';
		if (leafRe && leaf && leafRe.test(key)) {
			const k = stack
				.slice(-8)
				.map((f) => `${f.name}@${f.source.split('/').pop()}:${f.line}`)
				.join(' < ');
			leafStacks.set(k, (leafStacks.get(k) ?? 0) + dt);
		}
		selfBy.set(key, (selfBy.get(key) ?? 0) + dt);
		let m = inPhase.get(p);
		if (!m) inPhase.set(p, (m = new Map()));
		m.set(key, (m.get(key) ?? 0) + dt);
	}
	const ms = (us: number) => Math.round(us / 1000);
	const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
	return {
		markMs,
		windowMs: ms(t1 - t0),
		busyMs: ms(busy),
		waitingMs: ms(t1 - t0 - busy),
		events: sorted(byEvent).map(([k, v]) => [k, ms(v)] as const),
		otherThreads: sorted(others)
			.slice(0, 5)
			.map(([k, v]) => [k, ms(v)] as const),
		phases: sorted(phases).map(([k, v]) => ({
			phase: k,
			ms: ms(v),
			top: sorted(inPhase.get(k) ?? new Map<string, number>())
				.slice(0, 4)
				.map(([f, t]) => `${f} ${ms(t)}`)
		})),
		...(leafRe
			? {
					leafStacks: sorted(leafStacks)
						.slice(0, 8)
						.map(([k, v]) => [k, ms(v)] as const)
				}
			: {}),
		topSelf: sorted(selfBy)
			.slice(0, 25)
			.map(([k, v]) => [k, ms(v)] as const)
	};
}

async function main() {
	const here = dirname(fileURLToPath(import.meta.url));
	const root = process.argv[2] ?? join(here, '..', '..');
	const log = (m: string) => console.error(m);
	// SCHOOL=1: the school data set opened to its student list (issue 11's row).
	const school = process.env['SCHOOL'] === '1';
	const payload = await countyPayload(1, school);
	const relay = await startRelay('bangfu', root, { SERVE_APP: '1' });
	const browser = await launch();
	try {
		const context = await browser.newContext();
		const origin = `http://127.0.0.1:${relay.port}`;
		log('seeding');
		const seeded = await seedCounty(context, origin, payload);
		for (let i = 0; i < 2; i++) {
			log(`traced open ${i + 1}`);
			const url = `${origin}${seeded.listPath}`;
			const r = await profileOpen(
				context,
				url,
				join(root, 'build'),
				school ? STUDENTS.mark : undefined
			);
			console.log(JSON.stringify(r, null, 1));
		}
	} finally {
		await browser.close();
		await relay.stop();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	main().then(
		() => killAll(),
		(e: unknown) => {
			console.error(e);
			killAll();
			process.exit(1);
		}
	);
}
