// The process-wide group commit (rooms/commit.ts, decision 0005): updates of different rooms that
// arrive in one event-loop turn share one store transaction, and a failed commit relays and
// applies nothing and closes the senders with 4500.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '#protocol';
import type { AppendEntry } from '../src/store/types.ts';
import { removeDir, startRelay, waitFor, type TestRelay } from './helpers.ts';

function updateMessage(update: Uint8Array): Buffer {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // sync
	encoding.writeVarUint(e, 2); // update
	encoding.writeVarUint8Array(e, update);
	return Buffer.from(encoding.toUint8Array(e));
}

function makeUpdate(key: string): Uint8Array {
	const doc = new Y.Doc();
	let out: Uint8Array = new Uint8Array();
	doc.on('update', (u: Uint8Array) => (out = u));
	doc.getMap('m').set(key, key);
	return out;
}

/** A raw socket that records every sync update (type 0/2) it receives and its close code. */
async function raw(url: string) {
	const ws = new WebSocket(url, { perMessageDeflate: false });
	const state = { updates: 0, closedWith: null as number | null };
	ws.on('message', (d: Buffer) => {
		if (d[0] === 0 && d[1] === 2) state.updates++;
	});
	ws.on('close', (code) => (state.closedWith = code));
	await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
	return { ws, state };
}

describe('relay: group commit across rooms', () => {
	let relay: TestRelay | null = null;
	afterEach(async () => {
		vi.restoreAllMocks();
		if (relay) {
			await relay.close();
			removeDir(relay.config.dataDir);
		}
		relay = null;
	});

	it('commits updates of several rooms from one turn in one append, then relays each', async () => {
		relay = await startRelay();
		const manager = relay.relay.rooms;
		const rooms = await Promise.all(['ws-a', 'ws-b', 'ws-c'].map((r) => manager.open(r)));
		const members = rooms.map((room) => {
			const m = { controlled: new Set<number>(), send: vi.fn(), close: vi.fn() };
			room.join(m);
			return m;
		});
		const append = vi.spyOn(relay.relay.store, 'append');
		rooms.forEach((room, i) => room.enqueue(members[i]!, makeUpdate(`k${i}`)));
		// Nothing is applied or sent before the commit.
		expect(members.every((m) => m.send.mock.calls.length === 0)).toBe(true);
		await manager.flush();
		expect(append).toHaveBeenCalledTimes(1);
		expect(append.mock.calls[0]![0].map((e: AppendEntry) => e.room)).toEqual([
			'ws-a',
			'ws-b',
			'ws-c'
		]);
		rooms.forEach((room, i) => {
			expect(room.doc.getMap('m').get(`k${i}`)).toBe(`k${i}`);
			expect(members[i]!.send).toHaveBeenCalledTimes(1);
		});
		for (const [i, room] of rooms.entries()) room.leave(members[i]!);
	});

	it('a failed commit applies and relays nothing and closes the sender with 4500', async () => {
		relay = await startRelay();
		const room = 'ws-commit-fail';
		const token = await relay.token('editor', room);
		const writer = await raw(`${relay.ws}/${room}?token=${token}`);
		const reader = await raw(`${relay.ws}/${room}?token=${token}`);
		vi.spyOn(relay.relay.store, 'append').mockRejectedValue(new Error('disk gone'));
		writer.ws.send(updateMessage(makeUpdate('lost')));
		await waitFor(() => writer.state.closedWith !== null, 5000, 'writer closed');
		expect(writer.state.closedWith).toBe(CloseCode.internalError);
		// Give a relayed message time to arrive if one had been sent.
		await new Promise((r) => setTimeout(r, 100));
		expect(reader.state.updates).toBe(0);
		expect(reader.state.closedWith).toBeNull();
		const loaded = [...relay.relay.rooms.rooms()].find((r) => r.name === room)!;
		expect(loaded.doc.getMap('m').has('lost')).toBe(false);
		reader.ws.terminate();
	});
});
