// The fan-out contract on a real Redis (Debian's, started for this file on its own port),
// plus what only a networked fan-out can get wrong: Redis restarting under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type Redis } from '../../../tests/services/engines.ts';
import { runFanoutContract } from './contract.ts';
import { RedisStreamsFanout } from './redis.ts';
import type { RoomMessage } from './types.ts';

let redis: Redis;
let n = 0;
beforeAll(async () => {
	redis = await startRedis();
}, 60_000);
afterAll(async () => {
	await redis?.stop();
});

async function node(prefix: string): Promise<RedisStreamsFanout> {
	const f = new RedisStreamsFanout(redis.url, { prefix });
	await f.start();
	return f;
}

runFanoutContract('redis streams', () => {
	const prefix = `t${++n}:`;
	return { create: () => node(prefix), destroy: async () => {} };
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('redis streams fan-out', () => {
	it('[FR1] Redis restarting: unhealthy while down, rooms reported as a gap, delivery resumes', async () => {
		const [a, b] = [await node('gap:'), await node('gap:')];
		const got: RoomMessage[] = [];
		const gaps: string[] = [];
		b.onGap((room) => gaps.push(room));
		await b.subscribe('r', (m) => got.push(m));
		await a.publishUpdate('r', Uint8Array.of(1));
		await until(() => got.length === 1, 'first update');
		await redis.restart();
		await until(() => gaps.includes('r'), 'gap reported after Redis came back');
		expect(b.healthy).toBe(true);
		await until(() => a.healthy, 'publisher reconnected');
		await a.publishUpdate('r', Uint8Array.of(2));
		await until(() => got.length === 2, 'update after the restart');
		expect(got.map((m) => m.update[0])).toEqual([1, 2]);
		await a.close();
		await b.close();
	}, 40_000);

	it('[FR2] publishing while Redis is down never rejects', async () => {
		const a = await node('down:');
		await redis.stop();
		await expect(a.publishUpdate('r', Uint8Array.of(1))).resolves.toBeUndefined();
		await until(() => !a.healthy, 'unhealthy');
		await redis.restart();
		await until(() => a.healthy, 'healthy again');
		await a.close();
	}, 40_000);
});
