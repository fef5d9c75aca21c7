// `npm run bench -- relay`: DESIGN.md's three relay rows, our relay and the stock server in
// the same run with identical load. Runs alternate which server goes first, so a warm page
// cache or a noisy neighbour does not always favour the same one, and each comparison is a
// ratio per pair of runs (ours and stock back to back), then the median of those ratios.
import { availableParallelism } from 'node:os';
import { fmt, info, measured, median } from '../lib/stats';
import type { Row, Suite, SuiteOptions, Verdict } from '../lib/types';
import { Generator } from './generator';
import { Limits } from '../../src/lib/sync/protocol';
import {
	fanout,
	flood,
	overrun,
	type FanoutResult,
	type FloodResult,
	type LoadResult,
	type OverrunResult
} from './scenarios';
import { RELAY_LABEL, startRelay, type RelayKind, type RunningRelay } from './servers';

/** Generator processes: with 2 cores, two share the second core with the relay's one. */
const WORKERS = 2;
const KINDS: RelayKind[] = ['bangfu', 'stock'];
/** Generator processes above this % of one core are pacing the run, not the relay. */
const SATURATED_PCT = 90;
const cores = availableParallelism();

async function withRelay<T>(
	kind: RelayKind,
	opts: SuiteOptions,
	body: (relay: RunningRelay, gen: Generator) => Promise<T>
): Promise<T> {
	const relay = await startRelay(kind, opts.root);
	let gen: Generator | null = null;
	try {
		gen = await Generator.start(opts.root, WORKERS);
		return await body(relay, gen);
	} finally {
		await gen?.stop();
		await relay.stop();
	}
}

type PerKind<T> = Record<RelayKind, T[]>;

async function repeat<T>(
	opts: SuiteOptions,
	runs: number,
	what: string,
	body: (relay: RunningRelay, gen: Generator) => Promise<T>
): Promise<PerKind<T>> {
	const out: PerKind<T> = { bangfu: [], stock: [] };
	for (let run = 0; run < runs; run++) {
		const order = run % 2 === 0 ? KINDS : [...KINDS].reverse();
		for (const kind of order) {
			opts.log(`relay ${what}: run ${run + 1}/${runs} against ${RELAY_LABEL[kind]}`);
			out[kind].push(await withRelay(kind, opts, body));
		}
	}
	return out;
}

function cpuNote(results: LoadResult[]): string {
	const server = median(results.map((r) => r.serverCpu));
	const gens = results.map((r) => r.generatorCpu);
	const perProc = gens[0]?.map((_, i) => median(gens.map((g) => g[i] ?? NaN))) ?? [];
	const hot = perProc.some((p) => p > SATURATED_PCT);
	const machine = median(results.map((r) => r.machineCpu));
	// What neither the relay nor the generator used: kernel loopback work and anything else
	// running on a shared machine. When it is large, latency tails are not the relay's alone.
	const others = machine - server - perProc.reduce((a, b) => a + b, 0);
	return (
		`server CPU ${fmt(server)}%, generator ${perProc.map((p) => `${fmt(p)}%`).join(' + ')}, ` +
		`machine ${fmt(machine)}% of ${cores * 100}% (others ${fmt(others)}%)` +
		(hot ? ' — a generator process was saturated: generator-bound' : '') +
		(machine > cores * SATURATED_PCT ? ' — every core busy' : '')
	);
}

function closesNote(results: LoadResult[]): string {
	const all: Record<string, number> = {};
	for (const r of results)
		for (const [c, n] of Object.entries(r.closes)) all[c] = (all[c] ?? 0) + n;
	const entries = Object.entries(all);
	return entries.length === 0
		? ''
		: `; server closed sockets: ${entries.map(([c, n]) => `${n}× ${c}`).join(', ')}`;
}

/** Ours over stock per run: run i of each ran back to back (repeat()), so background load on
 * a shared machine moves both halves of a pair; the median of these ratios is the verdict. */
function pairRatios(ours: number[], theirs: number[]): number[] {
	return ours.map((o, i) => o / (theirs[i] ?? NaN));
}

/** A pass needs the median of the per-run ratios ≤ 1 (or ≥ 1 when higher is better). */
function relative(
	ours: number[],
	theirs: number[],
	better: 'lower' | 'higher'
): (m: number) => Verdict {
	const r = median(pairRatios(ours, theirs));
	return () => ((better === 'lower' ? r <= 1 : r >= 1) ? 'pass' : 'fail');
}

function ratio(ours: number[], theirs: number[]): string {
	const pairs = pairRatios(ours, theirs);
	return `ours/stock run by run ${pairs.map((p) => `${fmt(p)}×`).join(', ')}: median ${fmt(median(pairs))}× (decides the verdict)`;
}

/** RSS the connected clients added, per client (1,000 of them). */
function perClientKb(results: FanoutResult[]): string {
	return fmt(median(results.map((x) => ((x.idleRssMb - x.baseRssMb) * 1024) / 1000)));
}

function fanoutRows(r: PerKind<FanoutResult>, load: string): Row[] {
	const rows: Row[] = [];
	const pick = (k: RelayKind, f: (x: FanoutResult) => number) => r[k].map(f);
	const lost = pick('bangfu', (x) => x.lost);
	rows.push(
		measured(
			{
				suite: 'relay',
				figure: `${load}: lost updates (Bangfu)`,
				target: '0',
				unit: 'updates',
				notes: `of ${fmt(median(pick('bangfu', (x) => x.expected)))} deliveries; stock lost ${fmt(median(pick('stock', (x) => x.lost)))}${closesNote(r.bangfu)}`
			},
			lost,
			(m) => (m === 0 && Math.max(...lost) === 0 ? 'pass' : 'fail')
		)
	);
	for (const p of ['p50', 'p99'] as const) {
		const ours = pick('bangfu', (x) => x[p]);
		const theirs = pick('stock', (x) => x[p]);
		rows.push(
			measured(
				{
					suite: 'relay',
					figure: `${load}: ${p} fan-out latency (Bangfu)`,
					target: `≤ stock run by run (stock ${fmt(median(theirs))} ms)`,
					unit: 'ms',
					notes: `${ratio(ours, theirs)}; ${cpuNote(r.bangfu)}`
				},
				ours,
				relative(ours, theirs, 'lower')
			),
			measured(
				{
					suite: 'relay',
					figure: `${load}: ${p} fan-out latency (stock)`,
					target: 'reference',
					unit: 'ms',
					notes: cpuNote(r.stock)
				},
				theirs,
				info
			)
		);
	}
	for (const k of KINDS) {
		rows.push(
			measured(
				{
					suite: 'relay',
					figure: `${load}: throughput (${k === 'bangfu' ? 'Bangfu' : 'stock'})`,
					target: 'reference',
					unit: 'deliveries/s',
					notes: `${fmt(median(pick(k, (x) => x.updatesPerSecond)))} updates/s accepted`
				},
				pick(k, (x) => x.deliveriesPerSecond),
				info
			)
		);
	}
	const oursRss = pick('bangfu', (x) => x.idleRssMb);
	const stockRss = pick('stock', (x) => x.idleRssMb);
	rows.push(
		measured(
			{
				suite: 'relay',
				figure: 'relay memory: 1,000 idle clients in 100 rooms, RSS (Bangfu)',
				target: `≤ stock run by run (stock ${fmt(median(stockRss))} MB)`,
				unit: 'MB',
				notes: `${ratio(oursRss, stockRss)}; before connecting: ours ${fmt(median(pick('bangfu', (x) => x.baseRssMb)))} MB, stock ${fmt(median(pick('stock', (x) => x.baseRssMb)))} MB; per client: ours ${perClientKb(r.bangfu)} KB, stock ${perClientKb(r.stock)} KB`
			},
			oursRss,
			relative(oursRss, stockRss, 'lower')
		),
		measured(
			{
				suite: 'relay',
				figure: 'relay memory: 1,000 idle clients in 100 rooms, RSS (stock)',
				target: 'reference',
				unit: 'MB',
				notes: 'in-memory, no persistence'
			},
			stockRss,
			info
		)
	);
	return rows;
}

function floodRows(r: PerKind<FloodResult>, load: string): Row[] {
	const ours = r.bangfu.map((x) => x.updatesPerSecond);
	const theirs = r.stock.map((x) => x.updatesPerSecond);
	const lost = r.bangfu.map((x) => x.lost);
	return [
		measured(
			{
				suite: 'relay',
				figure: `${load}: updates/s to every client (Bangfu, durable)`,
				target: `≥ stock run by run (stock ${fmt(median(theirs))}/s)`,
				unit: 'updates/s',
				notes: `${ratio(ours, theirs)}; lost ${Math.max(...lost)}; p50 ${fmt(median(r.bangfu.map((x) => x.p50)))} ms; ${cpuNote(r.bangfu)}${closesNote(r.bangfu)}`
			},
			ours,
			(m) => (Math.max(...lost) > 0 ? 'fail' : relative(ours, theirs, 'higher')(m))
		),
		measured(
			{
				suite: 'relay',
				figure: `${load}: updates/s to every client (stock, in memory)`,
				target: 'reference',
				unit: 'updates/s',
				notes: `lost ${Math.max(...r.stock.map((x) => x.lost))}; p50 ${fmt(median(r.stock.map((x) => x.p50)))} ms; ${cpuNote(r.stock)}${closesNote(r.stock)}`
			},
			theirs,
			info
		)
	];
}

function overrunRows(r: PerKind<OverrunResult>, load: string): Row[] {
	const lost = r.bangfu.map((x) => x.lost);
	const closes = (x: OverrunResult) => Object.values(x.closes).reduce((a, b) => a + b, 0);
	const rate = (k: RelayKind) => r[k].map((x) => x.acceptedPerSecond);
	return [
		measured(
			{
				suite: 'relay',
				figure: `${load}: lost updates (Bangfu)`,
				target: '0, no socket closed',
				unit: 'updates',
				notes: `of ${fmt(median(r.bangfu.map((x) => x.expected)))} deliveries; stock lost ${fmt(median(r.stock.map((x) => x.lost)))}${closesNote(r.bangfu)}`
			},
			lost,
			(m) =>
				m === 0 && Math.max(...lost) === 0 && r.bangfu.every((x) => closes(x) === 0)
					? 'pass'
					: 'fail'
		),
		measured(
			{
				suite: 'relay',
				figure: `${load}: accepted updates/s (Bangfu, slowed by backpressure)`,
				target: `reference (limit ${fmt(Limits.messagesPerSecond)}/s after a ${fmt(Limits.messageBurst)} burst)`,
				unit: 'updates/s',
				notes: `all in ${fmt(median(r.bangfu.map((x) => x.seconds)))} s; ${cpuNote(r.bangfu)}`
			},
			rate('bangfu'),
			info
		),
		measured(
			{
				suite: 'relay',
				figure: `${load}: accepted updates/s (stock, no limit)`,
				target: 'reference',
				unit: 'updates/s',
				notes: `lost ${Math.max(...r.stock.map((x) => x.lost))}; ${cpuNote(r.stock)}${closesNote(r.stock)}`
			},
			rate('stock'),
			info
		)
	];
}

export const relaySuite: Suite = {
	name: 'relay',
	describe: 'relay fan-out, single-room throughput and idle memory, ours vs the stock server',
	async run(opts) {
		const seconds = opts.quick ? 5 : 30;
		// Relay runs are the long pole of the whole bench: three per server keeps it under 10 min.
		const fanRuns = Math.min(opts.runs, 3);
		const fan = await repeat(opts, fanRuns, 'fan-out', (relay, gen) =>
			fanout(relay, gen, { rooms: 100, perRoom: 10, rate: 200, seconds })
		);
		const load = `relay: 1,000 clients / 100 rooms, 200 updates/s for ${seconds} s`;
		const floodSeconds = opts.quick ? 3 : 10;
		// Under the per-connection rate, with headroom: this row measures throughput, not limits.
		const underLimit = Math.round(Limits.messagesPerSecond * 0.85);
		const fl = await repeat(opts, Math.min(opts.runs, 3), 'flood', (relay, gen) =>
			flood(relay, gen, {
				clients: 50,
				seconds: floodSeconds,
				window: 50,
				maxPerSecond: underLimit
			})
		);
		// Over it: the burst plus three seconds' worth at once, to be slowed down, not closed.
		const count = Limits.messageBurst + 3 * Limits.messagesPerSecond;
		const over = await repeat(opts, Math.min(opts.runs, 3), 'over the limit', (relay, gen) =>
			overrun(relay, gen, { clients: 10, count, maxSeconds: 30 })
		);
		return [
			...fanoutRows(fan, load),
			...floodRows(
				fl,
				`relay: 1 room, 50 clients, one writer ≤ ${fmt(underLimit)}/s (${floodSeconds} s)`
			),
			...overrunRows(
				over,
				`relay: 1 room, 10 clients, one writer sending ${fmt(count)} updates at once`
			)
		];
	}
};
