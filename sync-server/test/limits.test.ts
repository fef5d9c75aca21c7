// Issue 10, costs charged to the sender (real relay, real sockets): a writer over the message
// rate is slowed down with nothing lost (#12); sync step 1 answers are rate-limited per token
// and come from a cached encoding (#4); a live socket closes at the second its token expires
// (#10); malformed frames and limit hits leave a JSON security line and a counter (#11).
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseEvent, Limits } from '#protocol';
import { onLog, type LogLine } from '../src/log.ts';
import { startRelay, tearDown, waitFor, WS, type TestRelay } from './helpers.ts';
import { chain, metric, rawPeer, step1, update, whenClosed } from './wire.ts';

let relay: TestRelay | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
	await tearDown(relay, cleanups);
	relay = null;
});

describe('relay limits: slowed, not closed', () => {
	it('#12 a writer far over the message rate is slowed down, never closed, and loses nothing', async () => {
		// A low rate so that this test process, not the relay's speed, is what goes too fast.
		const rate = 500;
		relay = await startRelay({ MESSAGES_PER_SECOND: String(rate), MESSAGE_BURST: String(rate) });
		const token = await relay.token('editor');
		const writer = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		const reader = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		cleanups.push(
			() => writer.ws.terminate(),
			() => reader.ws.terminate()
		);
		// Burst + three seconds' worth, sent at once: the old relay closed this with 4529.
		const n = 4 * rate;
		const started = Date.now();
		const updates = chain(n, 4);
		for (const u of updates) writer.send(update(u));
		await waitFor(
			() => (reader.updates === n && writer.updates === n) || writer.closed !== null,
			20_000,
			'all relayed'
		);
		expect(writer.closed).toBeNull();
		// Slowed to the rate: the burst at once, the rest at 500/s.
		expect(Date.now() - started).toBeGreaterThan(2500);
		expect(writer.updates).toBe(n);
		expect(reader.updates).toBe(n);
		await relay.relay.rooms.flush();
		const stored = new Y.Doc();
		for (const u of await relay.relay.store.load(WS)) Y.applyUpdate(stored, u);
		expect(stored.getText('t').length).toBe(n * 4);
		expect(await metric(relay.http, 'bangfu_backpressure_pauses_total')).toBeGreaterThan(0);
		expect(await metric(relay.http, 'bangfu_rejected_messages_total', 'rate_limited')).toBe(0);
	});

	it('#4 sync step 1 answers are charged to the token (slowed past its burst) and cached', async () => {
		// Budgets in answers: each small answer counts Limits.minAnswerCharge bytes.
		const perSecond = 20;
		const burst = 64;
		relay = await startRelay({
			ANSWER_BYTES_PER_SECOND: String(perSecond * Limits.minAnswerCharge),
			ANSWER_BURST_BYTES: String(burst * Limits.minAnswerCharge)
		});
		const editor = await relay.token('editor');
		const viewer = await relay.token('viewer');
		const w = await rawPeer(`${relay.ws}/${WS}?token=${editor}`);
		cleanups.push(() => w.ws.terminate());
		for (const u of chain(50, 200)) w.send(update(u));
		await waitFor(() => w.updates === 50);
		const storm = await rawPeer(`${relay.ws}/${WS}?token=${viewer}`);
		cleanups.push(() => storm.ws.terminate());
		const asks = burst + 30;
		for (let i = 0; i < asks; i++) storm.send(step1());
		await new Promise((r) => setTimeout(r, 300));
		// The burst is answered at once, the rest at the token's rate: ~20/s.
		expect(storm.step2).toBeGreaterThanOrEqual(burst - 1);
		expect(storm.step2).toBeLessThan(asks);
		// A second socket of the same token shares the budget: it waits too.
		const same = await rawPeer(`${relay.ws}/${WS}?token=${viewer}`);
		cleanups.push(() => same.ws.terminate());
		same.send(step1());
		// Nothing is dropped: every ask is answered, the last after ~(30 / 20) s.
		await waitFor(() => storm.step2 === asks && same.step2 === 1, 10_000, 'all answered');
		expect(storm.closed).toBeNull();
		// One encoding served them all: the same frame object for the same state vector.
		const room = relay.relay.rooms.get(WS)!;
		const sv = Y.encodeStateVector(new Y.Doc());
		expect(room.answers.step2(sv)).toBe(room.answers.step2(sv));
	});

	it('#10 a live socket is closed at the second its token expires, as expired', async () => {
		relay = await startRelay();
		const token = await relay.token('editor', WS, '2s');
		const peer = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		const opened = Date.now();
		// No sweep() here: the old relay only closed expired sockets in a 30 s sweep.
		expect(await whenClosed(peer, 4000)).toEqual(CloseEvent.tokenExpired);
		expect(Date.now() - opened).toBeLessThan(2500);
	});

	it('#11 malformed frames and limit hits write a JSON security line (no token) and count', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		const lines: LogLine[] = [];
		cleanups.push(onLog((l) => lines.push(l)));
		const bad = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		bad.send(Buffer.from([0, 9, 1, 2]));
		expect((await whenClosed(bad)).code).toBe(CloseEvent.malformed.code);
		const flooder = await rawPeer(`${relay.ws}/${WS}?token=${token}`);
		for (let i = 0; i < Limits.awarenessBurst + 50 && !flooder.closed; i++) {
			flooder.send(Buffer.from([1, 1, 0]));
		}
		expect((await whenClosed(flooder)).code).toBe(CloseEvent.rateLimited.code);
		const sec = lines.filter((l) => l.event === 'security');
		expect(sec.map((l) => l.kind)).toEqual(
			expect.arrayContaining(['malformed_frame', 'rate_limited'])
		);
		for (const l of sec) {
			expect(l).toMatchObject({ workspace: WS, room: WS });
			expect(typeof l.jti).toBe('string');
			expect(JSON.stringify(l)).not.toContain(token);
			expect(JSON.stringify(l)).not.toContain(token.split('.')[2]!);
		}
		expect(await metric(relay.http, 'bangfu_security_events_total', 'kind="malformed_frame"')).toBe(
			1
		);
		expect(await metric(relay.http, 'bangfu_security_events_total', 'kind="rate_limited"')).toBe(1);
	});
});
