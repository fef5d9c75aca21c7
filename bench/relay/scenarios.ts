// The relay loads of DESIGN.md "Targets", each against one running relay. The same function
// runs against our relay and the stock one, so the load is identical by construction.
import { percentile } from '../lib/stats';
import { CpuWindow, rssMb, sleep } from '../lib/procs';
import type { Generator } from './generator';
import { nowUs, type ClientSpec, type FromWorker } from './messages';
import type { RunningRelay } from './servers';

export type LoadResult = {
	lost: number;
	expected: number;
	/** Server-initiated closes by close code: any is a failure of the run. */
	closes: Record<string, number>;
	serverCpu: number;
	/** % of one core for each generator process over the load. */
	generatorCpu: number[];
	/** Whole machine over the load, % of one core (200 = both cores): includes softirq. */
	machineCpu: number;
};

export type FanoutResult = LoadResult & {
	p50: number;
	p99: number;
	/** Updates accepted per second and deliveries (receipts at any client) per second. */
	updatesPerSecond: number;
	deliveriesPerSecond: number;
	idleRssMb: number;
	baseRssMb: number;
};

export type FloodResult = LoadResult & { updatesPerSecond: number; p50: number };

/** Receipts still missing this long after the load ended are lost; p99 is ~ms, so 3 s is ample. */
const DRAIN_MS = 3000;
/** Lets sockets, rooms and the heap settle after a connect storm before RSS is read. */
const IDLE_SETTLE_MS = 3000;

const roomId = (prefix: string, r: number) => `${prefix}${String(r).padStart(4, '0')}`;

async function specsFor(
	relay: RunningRelay,
	rooms: string[],
	perRoom: number
): Promise<ClientSpec[]> {
	const tokens = await relay.tokens(rooms);
	return rooms.flatMap((room, r) =>
		Array.from({ length: perRoom }, (_, k) => ({
			id: r * perRoom + k,
			room,
			url: relay.url(room, tokens.get(room) ?? '')
		}))
	);
}

type Stats = FromWorker & { type: 'stats' };

async function collect(gen: Generator): Promise<Stats[]> {
	const replies = await gen.all({ type: 'collect' });
	return replies.filter((r): r is Stats => r.type === 'stats');
}

function sentTotals(replies: FromWorker[]): Map<string, number> {
	const byRoom = new Map<string, number>();
	for (const r of replies) {
		if (r.type !== 'sent') continue;
		for (const [room, n] of Object.entries(r.byRoom)) byRoom.set(room, (byRoom.get(room) ?? 0) + n);
	}
	return byRoom;
}

/** Every client should receive every update of its room once (its own as the echo). */
function losses(stats: Stats[], sent: Map<string, number>) {
	let lost = 0;
	let expected = 0;
	const closes: Record<string, number> = {};
	for (const s of stats) {
		for (const c of s.clients) {
			const want = sent.get(c.room) ?? 0;
			expected += want;
			lost += Math.max(0, want - c.total);
		}
		for (const [code, n] of Object.entries(s.closes)) closes[code] = (closes[code] ?? 0) + n;
	}
	return { lost, expected, closes };
}

async function drained(gen: Generator, sent: Map<string, number>): Promise<Stats[]> {
	await sleep(DRAIN_MS / 3);
	let stats = await collect(gen);
	if (losses(stats, sent).lost > 0) {
		await sleep(DRAIN_MS);
		stats = await collect(gen);
	}
	return stats;
}

/** (a) + (c): N clients in M rooms, every client writing in turn at a fixed total rate. The
 * idle RSS is read before the load starts, with every client connected and quiet. */
export async function fanout(
	relay: RunningRelay,
	gen: Generator,
	opts: { rooms: number; perRoom: number; rate: number; seconds: number }
): Promise<FanoutResult> {
	const baseRssMb = rssMb(relay.pid);
	const rooms = Array.from({ length: opts.rooms }, (_, r) => roomId('benchfan', r));
	const owner = await gen.connect(await specsFor(relay, rooms, opts.perRoom));
	await sleep(IDLE_SETTLE_MS);
	const idleRssMb = rssMb(relay.pid);

	const startUs = nowUs() + 300_000;
	const endUs = startUs + opts.seconds * 1e6;
	const cpu = new CpuWindow([relay.pid, ...gen.pids]);
	const perWorkerRate = opts.rate / gen.workers.length;
	const replies = await gen.all(
		(i) => ({
			type: 'load',
			writers: [...owner].filter(([, w]) => w === i).map(([id]) => id),
			ratePerSecond: perWorkerRate,
			startUs,
			endUs
		}),
		opts.seconds * 1000
	);
	const pct = cpu.percent();
	const machine = cpu.machine();
	const sent = sentTotals(replies);
	const stats = await drained(gen, sent);
	const fan = stats.flatMap((s) => s.fanout);
	const deliveries = stats.reduce((n, s) => n + s.clients.reduce((m, c) => m + c.total, 0), 0);
	const updates = [...sent.values()].reduce((a, b) => a + b, 0);
	return {
		...losses(stats, sent),
		p50: percentile(fan, 50),
		p99: percentile(fan, 99),
		updatesPerSecond: updates / opts.seconds,
		deliveriesPerSecond: deliveries / opts.seconds,
		idleRssMb,
		baseRssMb,
		serverCpu: pct.get(relay.pid) ?? NaN,
		generatorCpu: gen.pids.map((p) => pct.get(p) ?? NaN),
		machineCpu: machine.busy
	};
}

/** (b): one room, one writer with `window` updates in flight (refilled on each echo, which on
 * our relay means "committed"), everyone else receiving. Throughput is what the slowest
 * receiver got per second, after a warm-up second. */
export async function flood(
	relay: RunningRelay,
	gen: Generator,
	opts: { clients: number; seconds: number; window: number; maxPerSecond: number }
): Promise<FloodResult> {
	const room = roomId('benchflood', 0);
	// The writer gets a process of its own when there are several: its loop is the pace-setter.
	const workers = gen.workers.length;
	await gen.connect(await specsFor(relay, [room], opts.clients), (_c, i) =>
		i === 0 || workers === 1 ? 0 : 1 + ((i - 1) % (workers - 1))
	);
	await sleep(500);
	const warmUs = 1e6;
	const startUs = nowUs() + 300_000;
	const endUs = startUs + opts.seconds * 1e6;
	await gen.all({ type: 'window', startUs: startUs + warmUs, endUs });
	const cpu = new CpuWindow([relay.pid, ...gen.pids]);
	const replies = await gen.all(
		(i) =>
			i === 0
				? {
						type: 'flood',
						writer: 0,
						window: opts.window,
						maxPerSecond: opts.maxPerSecond,
						startUs,
						endUs
					}
				: null,
		opts.seconds * 1000
	);
	const pct = cpu.percent();
	const machine = cpu.machine();
	const sent = sentTotals(replies);
	const stats = await drained(gen, sent);
	const receivers = stats.flatMap((s) => s.clients).filter((c) => c.id !== 0);
	const slowest = Math.min(...receivers.map((c) => c.inWindow));
	return {
		...losses(stats, sent),
		updatesPerSecond: slowest / ((endUs - startUs - warmUs) / 1e6),
		p50: percentile(
			stats.flatMap((s) => s.fanout),
			50
		),
		serverCpu: pct.get(relay.pid) ?? NaN,
		generatorCpu: gen.pids.map((p) => pct.get(p) ?? NaN),
		machineCpu: machine.busy
	};
}

export type OverrunResult = LoadResult & {
	/** Updates per second from the first send to the writer's last echo. */
	acceptedPerSecond: number;
	seconds: number;
};

/** One writer sends `count` updates at once, far over the relay's per-connection rate; the
 * others receive. Runs until every receiver has them all (or `maxSeconds`). */
export async function overrun(
	relay: RunningRelay,
	gen: Generator,
	opts: { clients: number; count: number; maxSeconds: number }
): Promise<OverrunResult> {
	const room = roomId('benchover', 0);
	const workers = gen.workers.length;
	await gen.connect(await specsFor(relay, [room], opts.clients), (_c, i) =>
		i === 0 || workers === 1 ? 0 : 1 + ((i - 1) % (workers - 1))
	);
	await sleep(500);
	const startUs = nowUs() + 300_000;
	const cpu = new CpuWindow([relay.pid, ...gen.pids]);
	const replies = await gen.all(
		(i) => (i === 0 ? { type: 'burst', writer: 0, count: opts.count, startUs } : null),
		opts.maxSeconds * 1000
	);
	const sent = sentTotals(replies);
	let stats = await collect(gen);
	const deadline = Date.now() + opts.maxSeconds * 1000;
	while (losses(stats, sent).lost > 0 && Date.now() < deadline) {
		await sleep(250);
		stats = await collect(gen);
	}
	const pct = cpu.percent();
	const machine = cpu.machine();
	const writer = stats.flatMap((s) => s.clients).find((c) => c.id === 0);
	const seconds = ((writer?.lastUs ?? startUs) - startUs) / 1e6;
	return {
		...losses(stats, sent),
		acceptedPerSecond: opts.count / seconds,
		seconds,
		serverCpu: pct.get(relay.pid) ?? NaN,
		generatorCpu: gen.pids.map((p) => pct.get(p) ?? NaN),
		machineCpu: machine.busy
	};
}
