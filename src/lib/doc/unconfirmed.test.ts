// [UC1] What a revoked device lists as "not reached the relay": the records with items outside
// the relay-confirmed snapshot, and none of those the relay had confirmed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestDocs } from './test-helpers';
import { unconfirmedRecords } from './unconfirmed';

const household = {
	headName: '王德华',
	village: '石门村',
	group: '三组',
	type: 'marginal' as const
};

describe('unconfirmedRecords', () => {
	it('[UC1] names the records edited or created after the confirmed snapshot', async () => {
		const docs = await openTestDocs();
		const s = docs.main;
		const a = s.create('household', household);
		const b = s.create('household', { ...household, headName: '李秀英' });
		if (!a.ok || !b.ok) throw new Error('create');
		// The workspace's own settings record may be there too (the rules' start date reads it).
		expect(
			unconfirmedRecords(s.doc)
				.map((r) => r.id)
				.filter((id) => id !== 'settings')
				.sort()
		).toEqual([a.value, b.value].sort());
		const confirmed = Y.encodeSnapshot(Y.snapshot(s.doc));
		expect(unconfirmedRecords(s.doc, confirmed)).toEqual([]);

		s.update('household', b.value, { group: '五组' });
		const c = s.create('household', { ...household, headName: '赵大山' });
		if (!c.ok) throw new Error('create');
		expect(
			unconfirmedRecords(s.doc, confirmed)
				.map((r) => r.id)
				.sort()
		).toEqual([b.value, c.value].sort());
	});

	it('[UC2] a text edit or a deletion in a text marks its record; damaged snapshots count all', async () => {
		const docs = await openTestDocs();
		const s = docs.main;
		const a = s.create('household', household);
		if (!a.ok) throw new Error('create');
		const text = s.doc.getText(`t:household:${a.value}:notes`);
		text.insert(0, '院子里晒着玉米');
		const confirmed = Y.encodeSnapshot(Y.snapshot(s.doc));
		expect(unconfirmedRecords(s.doc, confirmed)).toEqual([]);
		text.delete(0, 2);
		expect(unconfirmedRecords(s.doc, confirmed)).toEqual([{ kind: 'household', id: a.value }]);
		expect(unconfirmedRecords(s.doc, new Uint8Array([1, 2, 3])).length).toBeGreaterThan(0);
	});
});
