// `npm run bench -- sync`: two devices share a workspace through the relay, go offline, make
// 1,000 edits each through the document API, reconnect. Measured: time from connect() to both
// holding the same state, and bytes both sent over TCP against the Yjs diff each had to send
// (Y.encodeStateAsUpdate(doc, relay's state vector)), the minimum any protocol could send.
import * as Y from 'yjs';
import { makeHousehold } from '../../tests/factories';
import { atMost, fmt, info, measured, median } from '../lib/stats';
import { sleep, waitFor } from '../lib/procs';
import type { Row, Suite, SuiteOptions } from '../lib/types';
import { startRelay, type RelayKind, type RunningRelay } from '../relay/servers';
import { openDevice, type Device } from './device';

const HOUSEHOLDS = 100;
const EDITS = 1000;
/** A reconnect that has not converged in 20 s is broken, not slow. */
const CONVERGE_TIMEOUT_MS = 20_000;
/** Messages that follow convergence (the last step 2 answer, awareness) belong to the cost. */
const TRAILING_MS = 300;

type SyncRun = { ms: number; bytes: number; diff: number; equal: boolean };

const synced = (d: Device) => d.provider.synced && d.provider.wsconnected;
const disconnected = (d: Device) => !d.provider.wsconnected && !d.provider.wsconnecting;

/** 1,000 single-field edits, each its own transaction as typing into separate fields is. */
function editOffline(d: Device, ids: string[], seed: number): void {
	for (let i = 0; i < EDITS; i++) {
		const id = ids[(i * 7 + seed) % ids.length] ?? '';
		const from = makeHousehold(seed * 10_000 + i);
		const patch = i % 2 === 0 ? { village: from.village } : { headName: from.headName };
		const r = d.docs.main.update('household', id, patch);
		if (!r.ok) throw new Error(`edit ${i} refused: ${JSON.stringify(r.issues)}`);
	}
}

function clockOf(doc: Y.Doc, client: number): number {
	return Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0;
}

async function once(relay: RunningRelay, run: number): Promise<SyncRun> {
	const ws = `benchsync${String(run).padStart(3, '0')}`;
	const token = (await relay.tokens([ws])).get(ws) ?? '';
	const a = await openDevice(relay, ws, token, 'bench-a');
	const b = await openDevice(relay, ws, token, 'bench-b');
	try {
		await waitFor(() => synced(a) && synced(b), 10_000, 'first sync');
		const ids: string[] = [];
		a.docs.main.transact(() => {
			for (let i = 0; i < HOUSEHOLDS; i++) {
				const r = a.docs.main.create('household', makeHousehold(i + 1));
				if (!r.ok) throw new Error(`household refused: ${JSON.stringify(r.issues)}`);
				ids.push(r.value);
			}
		});
		const docA = a.docs.main.doc;
		const docB = b.docs.main.doc;
		const base = Y.encodeStateVector(docA);
		await waitFor(
			() => clockOf(docB, docA.clientID) === clockOf(docA, docA.clientID),
			10_000,
			'base at B'
		);
		a.provider.disconnect();
		b.provider.disconnect();
		await waitFor(() => disconnected(a) && disconnected(b), 5000, 'disconnect');
		// What the relay holds now is exactly the base both devices had.
		const relaySv = Y.encodeStateVector(docA);
		if (!Buffer.from(relaySv).equals(Buffer.from(base))) throw new Error('base moved');

		editOffline(a, ids, 1);
		editOffline(b, ids, 2);
		const diff =
			Y.encodeStateAsUpdate(docA, relaySv).length + Y.encodeStateAsUpdate(docB, relaySv).length;
		const wantA = clockOf(docA, docA.clientID);
		const wantB = clockOf(docB, docB.clientID);
		const converged = () =>
			clockOf(docA, docB.clientID) === wantB && clockOf(docB, docA.clientID) === wantA;

		a.markBytes();
		b.markBytes();
		const t0 = performance.now();
		a.provider.connect();
		b.provider.connect();
		await new Promise<void>((res, rej) => {
			const timer = setTimeout(() => rej(new Error('did not converge')), CONVERGE_TIMEOUT_MS);
			const check = () => {
				if (!converged()) return;
				clearTimeout(timer);
				docA.off('afterTransaction', check);
				docB.off('afterTransaction', check);
				res();
			};
			docA.on('afterTransaction', check);
			docB.on('afterTransaction', check);
		});
		const ms = performance.now() - t0;
		await sleep(TRAILING_MS);
		const equal =
			JSON.stringify(a.docs.main.list('household').map((r) => r.raw)) ===
			JSON.stringify(b.docs.main.list('household').map((r) => r.raw));
		return { ms, bytes: a.bytesSinceMark() + b.bytesSinceMark(), diff, equal };
	} finally {
		a.destroy();
		b.destroy();
	}
}

async function against(kind: RelayKind, opts: SuiteOptions): Promise<SyncRun[]> {
	const relay = await startRelay(kind, opts.root);
	try {
		const out: SyncRun[] = [];
		for (let run = 0; run < opts.runs; run++) {
			opts.log(`sync: run ${run + 1}/${opts.runs} through the ${kind} relay`);
			out.push(await once(relay, run));
		}
		return out;
	} finally {
		await relay.stop();
	}
}

export const syncSuite: Suite = {
	name: 'sync',
	describe: 'two devices, 1,000 offline edits each, reconnect until converged',
	async run(opts) {
		const ours = await against('bangfu', opts);
		const stock = await against('stock', opts);
		const diverged = ours.filter((r) => !r.equal).length;
		const load = `two devices, ${EDITS.toLocaleString('en-US')} offline edits each, reconnect`;
		const ratios = ours.map((r) => r.bytes / r.diff);
		const rows: Row[] = [
			measured(
				{
					suite: 'sync',
					figure: `${load}: time to converged (Bangfu)`,
					target: '< 2,000 ms',
					unit: 'ms',
					notes:
						`stock server: ${fmt(median(stock.map((r) => r.ms)))} ms` +
						(diverged > 0 ? `; ${diverged} run(s) ended with different households!` : '')
				},
				ours.map((r) => r.ms),
				(m) => (diverged > 0 ? 'fail' : m < 2000 ? 'pass' : 'fail')
			),
			measured(
				{
					suite: 'sync',
					figure: `${load}: bytes sent / Yjs diff (Bangfu)`,
					target: '≤ 1.2×',
					unit: '×',
					notes: `${fmt(median(ours.map((r) => r.bytes)))} B over TCP (both devices, upgrade requests included) for a ${fmt(median(ours.map((r) => r.diff)))} B diff; stock server ${fmt(median(stock.map((r) => r.bytes / r.diff)))}×`
				},
				ratios,
				atMost(1.2)
			),
			measured(
				{
					suite: 'sync',
					figure: `${load}: time to converged (stock)`,
					target: 'reference',
					unit: 'ms',
					notes: 'same devices and edits'
				},
				stock.map((r) => r.ms),
				info
			)
		];
		return rows;
	}
};
