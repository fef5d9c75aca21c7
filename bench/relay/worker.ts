// One load-generator process (forked by the runner). It owns a slice of the clients, sends
// what the runner asks and reports counts and latencies. Several run at once so that on
// 2 cores one process's event loop is not what caps the figures; the runner watches their CPU.
import { RawClient, type Receipt } from './client';
import { nowUs, type ClientStats, type FromWorker, type ToWorker } from './messages';

/** A refused or hung handshake must not stall a run; 15 s is far above a loaded relay's. */
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** The load loop's tick; the schedule is by absolute time, so ticks only set the jitter. */
const TICK_MS = 2;

const clients = new Map<number, RawClient>();
const totals = new Map<number, number>();
const inWindow = new Map<number, number>();
const lastAt = new Map<number, number>();
let fanout: number[] = [];
let window = { startUs: 0, endUs: 0 };
type FloodWriter = {
	client: RawClient;
	inFlight: number;
	window: number;
	endUs: number;
	startUs: number;
	maxPerSecond: number;
};
let floodWriter: FloodWriter | null = null;

/** Refills the flood writer's window, never past its rate. */
function refill(f: FloodWriter, at: number): void {
	if (at >= f.endUs) return;
	const allowed = f.window + ((at - f.startUs) / 1e6) * f.maxPerSecond;
	while (f.inFlight < f.window && f.client.sent < allowed) {
		f.inFlight++;
		f.client.write();
	}
}

function send(message: FromWorker): void {
	process.send?.(message);
}

function onReceipt({ client, sender, sentUs }: Receipt): void {
	const at = nowUs();
	totals.set(client.id, (totals.get(client.id) ?? 0) + 1);
	lastAt.set(client.id, at);
	if (at >= window.startUs && at <= window.endUs) {
		inWindow.set(client.id, (inWindow.get(client.id) ?? 0) + 1);
	}
	if (sender !== client.id) {
		fanout.push((at - sentUs) / 1000);
		return;
	}
	// Our own echo: for the flood writer, one more slot in its window.
	const f = floodWriter;
	if (f && f.client === client) {
		f.inFlight--;
		refill(f, at);
	}
}

async function connect(specs: ToWorker & { type: 'connect' }): Promise<void> {
	const errors: string[] = [];
	let ok = 0;
	let next = 0;
	const lane = async () => {
		while (next < specs.clients.length) {
			const spec = specs.clients[next++];
			if (!spec) break;
			const client = new RawClient(spec.id, spec.room, onReceipt);
			clients.set(spec.id, client);
			try {
				await client.connect(spec.url, HANDSHAKE_TIMEOUT_MS);
				ok++;
			} catch (err) {
				if (errors.length < 5) errors.push(String(err));
			}
		}
	};
	await Promise.all(Array.from({ length: specs.concurrency }, lane));
	send({ type: 'connected', ok, failed: specs.clients.length - ok, errors });
}

function sentByRoom(): Record<string, number> {
	const out: Record<string, number> = {};
	for (const c of clients.values()) out[c.room] = (out[c.room] ?? 0) + c.sent;
	return out;
}

async function waitUntil(us: number): Promise<void> {
	const ms = (us - nowUs()) / 1000;
	if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

async function load(cmd: ToWorker & { type: 'load' }): Promise<void> {
	const writers = cmd.writers.map((id) => clients.get(id)).filter((c) => c !== undefined);
	await waitUntil(cmd.startUs);
	let sent = 0;
	let turn = Math.floor(Math.random() * Math.max(1, writers.length));
	await new Promise<void>((res) => {
		const timer = setInterval(() => {
			const now = nowUs();
			const due = Math.floor(((Math.min(now, cmd.endUs) - cmd.startUs) / 1e6) * cmd.ratePerSecond);
			for (; sent < due && writers.length > 0; sent++) {
				writers[turn++ % writers.length]?.write();
			}
			if (now >= cmd.endUs) {
				clearInterval(timer);
				res();
			}
		}, TICK_MS);
	});
	send({ type: 'sent', byRoom: sentByRoom() });
}

async function flood(cmd: ToWorker & { type: 'flood' }): Promise<void> {
	const client = clients.get(cmd.writer);
	if (!client) throw new Error(`no client ${cmd.writer} here`);
	await waitUntil(cmd.startUs);
	const f: FloodWriter = {
		client,
		inFlight: cmd.window,
		window: cmd.window,
		endUs: cmd.endUs,
		startUs: cmd.startUs,
		maxPerSecond: cmd.maxPerSecond
	};
	floodWriter = f;
	for (let i = 0; i < cmd.window; i++) client.write();
	// Echoes refill the window; the tick catches up when the rate, not the window, held it.
	const tick = setInterval(() => refill(f, nowUs()), TICK_MS);
	await waitUntil(cmd.endUs);
	clearInterval(tick);
	send({ type: 'sent', byRoom: sentByRoom() });
}

async function burst(cmd: ToWorker & { type: 'burst' }): Promise<void> {
	const client = clients.get(cmd.writer);
	if (!client) throw new Error(`no client ${cmd.writer} here`);
	await waitUntil(cmd.startUs);
	for (let i = 0; i < cmd.count; i++) client.write();
	send({ type: 'sent', byRoom: sentByRoom() });
}

function collect(): void {
	const stats: ClientStats[] = [];
	const closes: Record<string, number> = {};
	for (const c of clients.values()) {
		stats.push({
			id: c.id,
			room: c.room,
			total: totals.get(c.id) ?? 0,
			inWindow: inWindow.get(c.id) ?? 0,
			lastUs: lastAt.get(c.id) ?? 0
		});
		if (c.closedWith !== null) closes[c.closedWith] = (closes[c.closedWith] ?? 0) + 1;
	}
	send({ type: 'stats', clients: stats, fanout, closes });
}

process.on('message', (msg: ToWorker) => {
	const done = (p: Promise<void>) =>
		p.catch((err: unknown) => {
			console.error('[bench worker]', err);
			process.exit(1);
		});
	switch (msg.type) {
		case 'connect':
			return void done(connect(msg));
		case 'window':
			window = { startUs: msg.startUs, endUs: msg.endUs };
			return send({ type: 'ok' });
		case 'load':
			return void done(load(msg));
		case 'flood':
			return void done(flood(msg));
		case 'burst':
			return void done(burst(msg));
		case 'collect':
			return collect();
		case 'reset':
			totals.clear();
			inWindow.clear();
			lastAt.clear();
			fanout = [];
			floodWriter = null;
			return send({ type: 'ok' });
		case 'exit':
			for (const c of clients.values()) c.close();
			process.exit(0);
	}
});
// The runner going away (crash, Ctrl-C) must not leave generators behind.
process.on('disconnect', () => process.exit(0));
