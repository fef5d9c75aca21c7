import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BURST_MS, RelayConfirmations } from './confirmations';

// the header counts changes, not keystrokes: local updates closer than BURST_MS are one.
function typing(doc: Y.Doc) {
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	return updates;
}

describe('RelayConfirmations counts changes', () => {
	it('a typing burst is one change; a pause starts another; the relay confirms both', () => {
		const doc = new Y.Doc();
		const updates = typing(doc);
		const c = new RelayConfirmations();
		const text = doc.getText('notes');
		let t = 1_000_000;
		for (const ch of '老人腿伤未愈') {
			text.insert(text.length, ch);
			c.addLocal(updates.at(-1)!, (t += 150));
		}
		expect(c.pending).toBe(1); // six keystrokes
		doc.getMap('m').set('group', '3组');
		c.addLocal(updates.at(-1)!, t + BURST_MS + 1);
		expect(c.pending).toBe(2);
		// The relay holds the first burst only: one change still waits.
		const relay = new Y.Doc();
		Y.applyUpdate(
			relay,
			updates.slice(0, 6).reduce((a, b) => Y.mergeUpdates([a, b]))
		);
		c.relayStateVector(Y.encodeStateVector(relay));
		expect(c.recount()).toBe(1);
		c.relayUpdate(Y.encodeStateAsUpdate(doc));
		c.relayStateVector(Y.encodeStateVector(doc));
		expect(c.recount()).toBe(0);
	});

	it('the opening state is its own change, and a saved confirmed state is given back', () => {
		const doc = new Y.Doc();
		doc.getMap('m').set('a', 1);
		const c = new RelayConfirmations();
		c.addLocal(Y.encodeStateAsUpdate(doc), 0, false);
		doc.getMap('m').set('b', 2);
		c.addLocal(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)), 10);
		expect(c.pending).toBe(2);
		c.relayStateVector(Y.encodeStateVector(doc));
		expect(c.recount()).toBe(0);
		const later = new RelayConfirmations();
		expect(later.restore(c.confirmedState())).toBe(true);
		later.addLocal(Y.encodeStateAsUpdate(doc), 0, false);
		expect(later.recount()).toBe(0);
		expect(new RelayConfirmations().restore(new Uint8Array([255, 1, 2]))).toBe(false);
	});
});
