// The group commit against a fake store whose append() the test resolves or rejects by hand:
// nothing is applied or sent before the store resolves, the sender's echo is included, and a
// failed commit sends nothing and closes every sender of the batch with CloseEvent.storeFailure.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseEvent, updateFrame } from '#protocol';
import { setQuiet } from '../log.ts';
import { createMetrics } from '../metrics.ts';
import type { AppendEntry } from '../store/types.ts';
import { GroupCommit } from './commit.ts';
import { Room, type RoomHost, type RoomMember } from './room.ts';

setQuiet(true);

class FakeStore {
	calls: AppendEntry[][] = [];
	#waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
	append(entries: readonly AppendEntry[]): Promise<void> {
		this.calls.push([...entries]);
		return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
	}
	resolveNext(): void {
		this.#waiting.shift()!.resolve();
	}
	rejectNext(): void {
		this.#waiting.shift()!.reject(new Error('disk gone'));
	}
}

function member() {
	const sent: Uint8Array[] = [];
	const closes: { code: number; reason: string }[] = [];
	const m: RoomMember = {
		controlled: new Set(),
		send: (msg) => void sent.push(new Uint8Array(msg)),
		close: (code, reason) => void closes.push({ code, reason })
	};
	return { m, sent, closes };
}

function edit(key: string): Uint8Array {
	const doc = new Y.Doc();
	let out: Uint8Array = new Uint8Array();
	doc.on('update', (u: Uint8Array) => (out = u));
	doc.getMap('m').set(key, key);
	return out;
}

const turn = () => new Promise((r) => setImmediate(r));

function setup() {
	const store = new FakeStore();
	const committed = vi.fn();
	const commit = new GroupCommit({ store, metrics: createMetrics(), committed });
	const host: RoomHost = {
		enqueue: (room, from, update) => (commit.enqueue({ room, from, update }), null),
		joined: () => {},
		emptied: () => {},
		awarenessChanged: () => {}
	};
	const rooms: Room[] = [];
	const room = (name: string) => {
		const r = new Room(name, host);
		rooms.push(r);
		return r;
	};
	return { store, commit, committed, room, destroy: () => rooms.forEach((r) => r.destroy()) };
}

describe('group commit (fake store)', () => {
	let destroy = () => {};
	afterEach(() => destroy());

	it('sends and applies nothing until the store resolves, then echoes to the sender too', async () => {
		const s = setup();
		destroy = s.destroy;
		const a = s.room('ws-aaaaaaaa');
		const b = s.room('ws-bbbbbbbb');
		const writer = member();
		const reader = member();
		const other = member();
		a.join(writer.m);
		a.join(reader.m);
		b.join(other.m);
		const ua = edit('x');
		const ub = edit('y');
		a.enqueue(writer.m, ua);
		b.enqueue(other.m, ub);
		await turn();
		// One append for both rooms, still pending: nothing out, nothing applied.
		expect(s.store.calls).toHaveLength(1);
		expect(s.store.calls[0]!.map((e) => e.room)).toEqual(['ws-aaaaaaaa', 'ws-bbbbbbbb']);
		await turn();
		expect(writer.sent.length + reader.sent.length + other.sent.length).toBe(0);
		expect(a.doc.getMap('m').has('x')).toBe(false);
		expect(s.committed).not.toHaveBeenCalled();
		expect(s.commit.queued).toBe(0);

		s.store.resolveNext();
		await s.commit.flush();
		expect(writer.sent).toEqual([updateFrame(ua)]);
		expect(reader.sent).toEqual([updateFrame(ua)]);
		expect(other.sent).toEqual([updateFrame(ub)]);
		expect(a.doc.getMap('m').get('x')).toBe('x');
		expect(a.logLength).toBe(1);
		expect(s.committed).toHaveBeenCalledTimes(1);
	});

	it('updates arriving during a commit wait for the next one, in order', async () => {
		const s = setup();
		destroy = s.destroy;
		const a = s.room('ws-aaaaaaaa');
		const w = member();
		a.join(w.m);
		const [u1, u2] = [edit('1'), edit('2')];
		a.enqueue(w.m, u1);
		await turn();
		a.enqueue(w.m, u2);
		await turn();
		expect(s.store.calls).toHaveLength(1);
		s.store.resolveNext();
		await turn();
		await turn();
		// The first is out; the second is in its own, still pending, append.
		expect(w.sent).toEqual([updateFrame(u1)]);
		expect(s.store.calls).toHaveLength(2);
		s.store.resolveNext();
		await s.commit.flush();
		expect(w.sent).toEqual([updateFrame(u1), updateFrame(u2)]);
	});

	it('a failed commit sends nothing, applies nothing and closes every sender with 4500', async () => {
		const s = setup();
		destroy = s.destroy;
		const a = s.room('ws-aaaaaaaa');
		const w1 = member();
		const w2 = member();
		const reader = member();
		for (const x of [w1, w2, reader]) a.join(x.m);
		a.enqueue(w1.m, edit('lost-1'));
		a.enqueue(w2.m, edit('lost-2'));
		await turn();
		s.store.rejectNext();
		await s.commit.flush();
		for (const x of [w1, w2, reader]) expect(x.sent).toEqual([]);
		expect(w1.closes).toEqual([CloseEvent.storeFailure]);
		expect(w2.closes).toEqual([CloseEvent.storeFailure]);
		expect(reader.closes).toEqual([]);
		expect(CloseEvent.storeFailure.code).toBe(4500);
		expect(a.doc.getMap('m').size).toBe(0);
		expect(s.committed).not.toHaveBeenCalled();
	});
});
