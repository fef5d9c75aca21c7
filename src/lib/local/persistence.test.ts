// y-indexeddb persistence as the app attaches it, over fake-indexeddb: what is stored comes
// back, and a stored document loads without Yjs encoding the loaded state again.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
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

	it('loads the stored state with no update listener, so Yjs does not re-encode it', async () => {
		const id = ws();
		const a = new Y.Doc();
		const pa = await persistDoc(id, 'visits-2025', a);
		a.transact(() => {
			for (let i = 0; i < 50; i++) a.getText(`t:visit:v${i}:notes`).insert(0, '走访');
		});
		await pa.destroy();
		const b = new Y.Doc();
		const seen: number[] = [];
		b.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.changed.size > 0) seen.push(updateListeners(b));
		});
		const pb = await persistDoc(id, 'visits-2025', b);
		expect(b.getText('t:visit:v49:notes').toString()).toBe('走访');
		expect(seen.length).toBeGreaterThan(0);
		expect(seen.every((listeners) => listeners === 0)).toBe(true);
		// Once loaded, edits are written again.
		expect(updateListeners(b)).toBe(1);
		await pb.destroy();
	});
});
