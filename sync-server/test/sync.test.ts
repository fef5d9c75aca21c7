import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { client, startRelay, waitFor, WS, tearDown, type TestRelay } from './helpers.ts';

describe('relay: stock y-websocket clients', () => {
	let relay: TestRelay | null = null;
	const cleanups: (() => void)[] = [];
	afterEach(async () => {
		await tearDown(relay, cleanups);
		relay = null;
	});

	it('two and three clients converge through the relay', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		const clients = [0, 1, 2].map(() => client(relay!.ws, WS, token));
		for (const c of clients) cleanups.push(c.destroy);
		await waitFor(() => clients.every((c) => c.provider.synced), 5000, 'synced');
		clients[0]!.doc.getMap('m').set('a', 1);
		clients[1]!.doc.getText('t').insert(0, 'hello');
		clients[2]!.doc.getArray('l').push(['x', 'y']);
		const same = () => {
			// Doc.toJSON() lists only the types a doc has touched, so name them.
			const states = clients.map((c) =>
				JSON.stringify([
					c.doc.getMap('m').toJSON(),
					c.doc.getText('t').toString(),
					c.doc.getArray('l').toJSON()
				])
			);
			return states.every((s) => s === states[0]);
		};
		await waitFor(
			() =>
				same() &&
				clients[0]!.doc.getArray('l').length === 2 &&
				clients[2]!.doc.getText('t').length === 5,
			5000,
			'converge'
		);
		expect(clients[1]!.doc.getMap('m').get('a')).toBe(1);
		// Two clients only: one goes away, the remaining two still converge.
		clients[2]!.destroy();
		clients[0]!.doc.getMap('m').set('b', 2);
		await waitFor(() => clients[1]!.doc.getMap('m').get('b') === 2, 5000, 'two converge');
	});

	it('shard rooms are separate documents of the same workspace', async () => {
		relay = await startRelay();
		const token = await relay.token('editor');
		const main = client(relay.ws, WS, token);
		const shardA = client(relay.ws, `${WS}/visits-2026`, token);
		const shardB = client(relay.ws, `${WS}/visits-2026`, token);
		cleanups.push(main.destroy, shardA.destroy, shardB.destroy);
		shardA.doc.getMap('v').set('k', 'v');
		await waitFor(() => shardB.doc.getMap('v').get('k') === 'v', 5000, 'shard sync');
		await waitFor(() => main.provider.synced);
		expect(main.doc.getMap('v').size).toBe(0);
	});

	it('a fresh client gets the full state after a relay restart', async () => {
		relay = await startRelay({ COMPACT_AFTER_UPDATES: '10' });
		const dir = relay.config.dataDir;
		const token = await relay.token('editor');
		const a = client(relay.ws, WS, token);
		cleanups.push(a.destroy);
		for (let i = 0; i < 50; i++) a.doc.getArray('l').push([i]);
		const witness = client(relay.ws, WS, token);
		cleanups.push(witness.destroy);
		// What another client received back has been committed (durable before relayed).
		await waitFor(() => witness.doc.getArray('l').length === 50, 5000, 'relayed');
		const expected = a.doc.getArray('l').toJSON();
		a.destroy();
		await relay.close();
		relay = await startRelay({}, dir);
		const b = client(relay.ws, WS, await relay.token('viewer'));
		cleanups.push(b.destroy);
		await waitFor(() => b.provider.synced && b.doc.getArray('l').length === 50, 5000, 'full state');
		expect(b.doc.getArray('l').toJSON()).toEqual(expected);
		const fresh = new Y.Doc();
		for (const u of await relay.relay.store.load(WS)) Y.applyUpdate(fresh, u);
		expect(fresh.getArray('l').toJSON()).toEqual(expected);
	});
});
