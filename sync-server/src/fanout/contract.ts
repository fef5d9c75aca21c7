// The fan-out contract suite: every Fanout (in-process today, Redis Streams for scale-out)
// runs exactly these tests. Call it from a *.test.ts with a harness whose create() returns a
// new node (one relay process) on the same shared transport each time it is called.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fanout, RoomMessage } from './types.ts';

export type FanoutHarness = {
	/** A new node on the transport shared by every node of this harness. */
	create(): Promise<Fanout>;
	/** Removes what the harness made (streams, keys…), after every node is closed. */
	destroy(): Promise<void>;
};

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

const bytes = (...b: number[]) => Uint8Array.from(b);

export function runFanoutContract(name: string, harness: () => FanoutHarness): void {
	describe(`fan-out contract: ${name}`, () => {
		let h: FanoutHarness;
		let nodes: Fanout[] = [];
		const node = async () => {
			const n = await h.create();
			nodes.push(n);
			return n;
		};
		const start = () => (h = harness());
		afterEach(async () => {
			for (const n of nodes) await n.close();
			nodes = [];
			await h.destroy();
		});

		it('[FO1] a published update reaches another node subscribed to the room, intact', async () => {
			start();
			const [a, b] = [await node(), await node()];
			const got: RoomMessage[] = [];
			await b.subscribe('room-1', (m) => got.push(m));
			await a.publishUpdate('room-1', bytes(1, 2, 3));
			await until(() => got.length === 1, 'update');
			expect(got[0]).toEqual({ kind: 'update', room: 'room-1', update: bytes(1, 2, 3) });
			expect(a.nodeId).not.toBe(b.nodeId);
		});

		it('[FO2] a node never hears its own messages', async () => {
			start();
			const [a, b] = [await node(), await node()];
			const own: RoomMessage[] = [];
			const other: RoomMessage[] = [];
			await a.subscribe('room-1', (m) => own.push(m));
			await b.subscribe('room-1', (m) => other.push(m));
			await a.publishUpdate('room-1', bytes(1));
			await a.publishAwareness('room-1', bytes(2));
			await until(() => other.length === 2, 'both messages at b');
			expect(own).toEqual([]);
		});

		it('[FO3] rooms are isolated, a workspace from its shards too', async () => {
			start();
			const [a, b] = [await node(), await node()];
			const got: RoomMessage[] = [];
			await b.subscribe('ws123456', (m) => got.push(m));
			await a.publishUpdate('ws123456/visits-2026', bytes(9));
			await a.publishUpdate('ws123456', bytes(1));
			await until(() => got.length >= 1, 'own room message');
			await new Promise((r) => setTimeout(r, 50));
			expect(got.map((m) => m.room)).toEqual(['ws123456']);
		});

		it('[FO4] one publisher is delivered in publish order, awareness and updates interleaved', async () => {
			start();
			const [a, b] = [await node(), await node()];
			const got: RoomMessage[] = [];
			await b.subscribe('r', (m) => got.push(m));
			for (let i = 0; i < 200; i++) {
				void (i % 3 === 0 ? a.publishAwareness('r', bytes(i)) : a.publishUpdate('r', bytes(i)));
			}
			await until(() => got.length === 200, '200 messages');
			expect(got.map((m) => m.update[0])).toEqual(Array.from({ length: 200 }, (_, i) => i));
			expect(got[0]!.kind).toBe('awareness');
			expect(got[1]!.kind).toBe('update');
		});

		it('[FO5] unsubscribing stops delivery; other subscribers keep theirs', async () => {
			start();
			const [a, b, c] = [await node(), await node(), await node()];
			const atB: RoomMessage[] = [];
			const atC: RoomMessage[] = [];
			const stopB = await b.subscribe('r', (m) => atB.push(m));
			await c.subscribe('r', (m) => atC.push(m));
			await a.publishUpdate('r', bytes(1));
			await until(() => atB.length === 1 && atC.length === 1, 'first');
			stopB();
			await a.publishUpdate('r', bytes(2));
			await until(() => atC.length === 2, 'second at c');
			await new Promise((r) => setTimeout(r, 50));
			expect(atB).toHaveLength(1);
		});

		it('[FO6] a revocation reaches every other node, not the publisher', async () => {
			start();
			const [a, b, c] = [await node(), await node(), await node()];
			const heard: string[] = [];
			a.onRevocation((jti) => heard.push(`a:${jti}`));
			b.onRevocation((jti) => heard.push(`b:${jti}`));
			c.onRevocation((jti) => heard.push(`c:${jti}`));
			await a.publishRevocation('tok-12345');
			await until(() => heard.length === 2, 'two nodes');
			await new Promise((r) => setTimeout(r, 50));
			expect(heard.sort()).toEqual(['b:tok-12345', 'c:tok-12345']);
		});

		it('[FO7] the receiver owns its bytes: the publisher reusing its buffer changes nothing', async () => {
			start();
			const [a, b] = [await node(), await node()];
			const got: RoomMessage[] = [];
			await b.subscribe('r', (m) => got.push(m));
			const buf = bytes(5, 6, 7);
			const sent = a.publishUpdate('r', buf);
			buf.fill(0);
			await sent;
			await until(() => got.length === 1, 'update');
			expect(got[0]!.update).toEqual(bytes(5, 6, 7));
		});
	});
}
