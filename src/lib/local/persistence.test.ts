// y-indexeddb persistence over fake-indexeddb: what a load costs and what it keeps.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { persistDoc } from './persistence';

/** How many 'update' listeners a Y.Doc has (lib0's Observable keeps them in `_observers`). */
const updateListeners = (doc: Y.Doc) =>
	(doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;

describe('persistDoc', () => {
	it('[PERSIST1] applies the stored state with no update listener, then stores every edit', async () => {
		const name = `shard-${Math.random()}`;
		// A shard-like document: one root text per record, as visits' notes are.
		const first = new Y.Doc();
		const stored = await persistDoc('ws-p', name, first);
		first.transact(() => {
			for (let i = 0; i < 200; i++) {
				first.getMap('r:visit').set(`v${i}`, `{"id":"v${i}"}`);
				first.getText(`t:visit:v${i}:notes`).insert(0, `走访 ${i}`);
			}
		});
		await stored.destroy();

		const doc = new Y.Doc();
		// Yjs encodes a transaction when the doc has an update listener (and encoding scans every
		// root type per item): the load must find none, so it is applied, not re-encoded.
		let listenersDuringLoad = -1;
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin instanceof IndexeddbPersistence) listenersDuringLoad = updateListeners(doc);
		});
		const again = await persistDoc('ws-p', name, doc);
		expect(listenersDuringLoad).toBe(0);
		expect(doc.getText('t:visit:v199:notes').toString()).toBe('走访 199');
		// Listening now: an edit after the load is stored, and there after reopening.
		expect(updateListeners(doc)).toBe(1);
		doc.getText('t:visit:v0:notes').insert(0, '补记：');
		await again.destroy();
		const reopened = new Y.Doc();
		await (await persistDoc('ws-p', name, reopened)).destroy();
		expect(reopened.getText('t:visit:v0:notes').toString()).toBe('补记：走访 0');
	});
});
