// y-indexeddb persistence as the app attaches it, over fake-indexeddb: what is stored comes
// back, and a stored document loads without Yjs encoding the loaded state again.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { persistDoc } from './persistence';

let n = 0;
const ws = () => `persist-${++n}-${Date.now()}`;

/** Yjs's own listener table: whether anyone listens to 'update' (then every transaction is encoded). */
const updateListeners = (doc: Y.Doc) =>
	(doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;

describe('persistDoc', () => {
	it('stores each edit and loads it back in a new document', async () => {
		const id = ws();
		const a = new Y.Doc();
		const pa = await persistDoc(id, 'main', a);
		for (let i = 0; i < 5; i++) a.getText(`t:household:h${i}:notes`).insert(0, `第${i}户`);
		a.getMap('r:household').set('h1', '{"headName":"张三"}');
		await pa.destroy();
		const b = new Y.Doc();
		const pb = await persistDoc(id, 'main', b);
		expect(b.getText('t:household:h3:notes').toString()).toBe('第3户');
		expect(b.getMap('r:household').get('h1')).toBe('{"headName":"张三"}');
		b.getText('t:household:h3:notes').insert(0, '新');
		await pb.destroy();
		const c = new Y.Doc();
		await (await persistDoc(id, 'main', c)).destroy();
		expect(c.getText('t:household:h3:notes').toString()).toBe('新第3户');
	});

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
