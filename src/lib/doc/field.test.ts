import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatActor } from '../domain';
import { WorkspaceDocs } from './workspace-docs';
import { baseName } from './layout';
import { openTestDocs, syncDocs } from './test-helpers';

/**
 * Issue 9, the document layer: each test names the numbered problem it guards ([F1] = #1 …).
 * Every one of them failed on the code before the fix.
 */

const household = { headName: '王大明', village: '石门村', group: '三组' };

async function pair(clock = () => new Date('2026-03-01T08:00:00.000Z')) {
	const a = await WorkspaceDocs.open({
		workspaceId: 'ws1',
		actor: formatActor('张老师', 'd-aaaa'),
		now: clock
	});
	const b = await WorkspaceDocs.open({
		workspaceId: 'ws1',
		actor: formatActor('李老师', 'd-bbbb'),
		now: clock
	});
	// Fixed client ids so the same side wins every run (Yjs orders concurrent writes by them).
	a.main.doc.clientID = 101;
	b.main.doc.clientID = 202;
	return { a, b };
}

describe('[F1] who did what is a name and a device id', () => {
	it('a record written by "张老师" is valid, listed, deletable and restorable', async () => {
		const docs = await openTestDocs(formatActor('张老师', 'd-x1'));
		const id = docs.main.create('household', household);
		if (!id.ok) throw new Error('create refused');
		const r = docs.main.get('household', id.value);
		expect(r?.ok).toBe(true);
		expect(r?.ok && r.record.createdBy).toBe('张老师 · d-x1');
		expect(docs.main.list('household').map((x) => x.id)).toEqual([id.value]);
		expect(docs.main.remove('household', id.value).ok).toBe(true);
		expect(docs.main.get('household', id.value)?.ok).toBe(true);
		expect(docs.main.restore('household', id.value).ok).toBe(true);
	});

	it('a record that fails validation can still be edited, deleted and restored', async () => {
		const docs = await openTestDocs();
		const bad = JSON.stringify({
			id: 'h1',
			headName: '',
			createdAt: 'yesterday',
			createdBy: '',
			updatedAt: '2026-01-01T00:00:00.000Z',
			updatedBy: 'x'
		});
		docs.main.doc.getMap(baseName('household')).set('h1', bad);
		expect(docs.main.get('household', 'h1')?.ok).toBe(false);
		expect(docs.main.update('household', 'h1', { headName: '王小二' }).ok).toBe(true);
		expect(docs.main.remove('household', 'h1').ok).toBe(true);
		expect(docs.main.get('household', 'h1')?.deleted).toBe(true);
		expect(docs.main.restore('household', 'h1').ok).toBe(true);
		expect(docs.main.get('household', 'h1')?.raw['headName']).toBe('王小二');
	});
});

describe('[F8] undecodable stored bases are listed as damaged, never dropped', () => {
	it('truncated JSON, an array and null are listed with the damaged issue', async () => {
		const docs = await openTestDocs();
		const bases = docs.main.doc.getMap(baseName('household'));
		bases.set('t1', '{"id":"t1","headName":"王');
		bases.set('a1', JSON.stringify(['not', 'a', 'record']));
		bases.set('n1', null);
		const listed = docs.main.list('household');
		expect(listed.map((r) => r.id).sort()).toEqual(['a1', 'n1', 't1']);
		for (const r of listed) {
			expect(r.ok).toBe(false);
			expect(r.damaged).toBe(true);
			if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('record.damaged');
		}
		expect(docs.main.get('household', 'n1')?.raw).toEqual({ id: 'n1' });
		// A damaged record can still be deleted and restored (it goes to the trash).
		expect(docs.main.remove('household', 't1').ok).toBe(true);
		expect(docs.main.trash().map((r) => r.id)).toEqual(['t1']);
	});

	it('update() on a kind this version does not know refuses instead of throwing', async () => {
		const docs = await openTestDocs();
		// @ts-expect-error -- a kind written by a newer version
		const r = docs.main.update('futureKind', 'x1', { a: 1 });
		expect(r).toEqual({ ok: false, issues: [{ path: [], code: 'field.not_editable' }] });
	});
});

describe('[F5] a same-field merge keeps the losing value as a conflict', () => {
	it('"4组" and "5组" written apart: both values kept, with who, until someone picks one', async () => {
		let t = Date.parse('2026-03-01T08:00:00.000Z');
		const { a, b } = await pair(() => new Date(t));
		const id = a.main.create('household', household, { id: 'h1' });
		if (!id.ok) throw new Error();
		syncDocs(a.main.doc, b.main.doc);
		t += 60_000;
		a.main.update('household', 'h1', { group: '4组' });
		t += 60_000;
		b.main.update('household', 'h1', { group: '5组' });
		syncDocs(a.main.doc, b.main.doc);
		syncDocs(a.main.doc, b.main.doc); // the conflict entry written on arrival travels too
		const current = a.main.get('household', 'h1')?.raw['group'];
		expect(b.main.get('household', 'h1')?.raw['group']).toBe(current);
		const lost = current === '5组' ? '4组' : '5组';
		for (const docs of [a, b]) {
			const conflicts = docs.main.conflicts('household', 'h1');
			expect(conflicts).toHaveLength(1);
			expect(conflicts[0]).toMatchObject({ path: ['group'], value: lost, current });
			expect(conflicts[0]?.by).toBe(lost === '4组' ? '张老师 · d-aaaa' : '李老师 · d-bbbb');
			expect(conflicts[0]?.at).toBeTruthy();
		}
		// updatedBy names the person whose value stands, never the one whose value lost.
		const winner = current === '5组' ? '李老师 · d-bbbb' : '张老师 · d-aaaa';
		expect(a.main.get('household', 'h1')?.raw['updatedBy']).toBe(winner);
		expect(b.main.get('household', 'h1')?.raw['updatedBy']).toBe(winner);

		expect(b.main.resolveConflict('household', 'h1', ['group'], lost).ok).toBe(true);
		syncDocs(a.main.doc, b.main.doc);
		expect(a.main.conflicts('household', 'h1')).toEqual([]);
		expect(a.main.get('household', 'h1')?.raw['group']).toBe(lost);
	});

	it('edits made one after the other are no conflict', async () => {
		const { a, b } = await pair();
		a.main.create('household', household, { id: 'h1' });
		syncDocs(a.main.doc, b.main.doc);
		a.main.update('household', 'h1', { group: '4组' });
		syncDocs(a.main.doc, b.main.doc);
		b.main.update('household', 'h1', { group: '5组' });
		syncDocs(a.main.doc, b.main.doc);
		expect(a.main.conflicts('household', 'h1')).toEqual([]);
		expect(b.main.conflicts('household', 'h1')).toEqual([]);
	});

	it('describes a merge by record and field, and says when a value was kept aside', async () => {
		const { a, b } = await pair();
		a.main.create('household', household, { id: 'h1' });
		syncDocs(a.main.doc, b.main.doc);
		const seen: { fields: string[]; conflicts: number }[] = [];
		a.main.observeMerges((m) => seen.push(...m.map((x) => ({ ...x }))));
		a.main.update('household', 'h1', { group: '4组' });
		b.main.update('household', 'h1', { group: '5组', village: '河口村' });
		syncDocs(a.main.doc, b.main.doc);
		const merged = seen.find((x) => x.fields.includes('group'));
		expect(merged?.fields.sort()).toEqual(['group', 'village']);
		expect(merged?.conflicts).toBe(a.main.conflicts('household', 'h1').length);
	});
});

describe('[F6] undo never hides others’ work', () => {
	it('undoing a creation after another member edited keeps the record on every device', async () => {
		const { a, b } = await pair();
		a.main.create('household', household, { id: 'h1' });
		syncDocs(a.main.doc, b.main.doc);
		b.main.addItem('household', 'h1', 'members', { name: '王小花' });
		b.main.setText('household', 'h1', 'notes', '孩子读初二');
		syncDocs(a.main.doc, b.main.doc);
		a.undo();
		syncDocs(a.main.doc, b.main.doc);
		for (const docs of [a, b]) {
			expect(docs.main.list('household').map((r) => r.id)).toEqual(['h1']);
			expect(docs.main.get('household', 'h1')?.raw['notes']).toBe('孩子读初二');
		}
	});

	it('undoing one’s own fresh creation moves it to the trash; redo brings it back', async () => {
		const { a } = await pair();
		a.main.create('household', household, { id: 'h1' });
		expect(a.undo()).toBe(true);
		expect(a.main.list('household')).toEqual([]);
		expect(a.main.trash().map((r) => r.id)).toEqual(['h1']);
		expect(a.main.get('household', 'h1')?.raw['headName']).toBe('王大明');
		expect(a.redo()).toBe(true);
		expect(a.main.list('household').map((r) => r.id)).toEqual(['h1']);
	});

	it('undo steps map to one document each, in order, even when edits come quickly', async () => {
		const { a } = await pair();
		a.main.create('household', household, { id: 'h1' });
		const v = await a.createVisit({
			kind: 'visit',
			date: '2026-02-01',
			subjectKind: 'household',
			subjectId: 'h1'
		});
		if (!v.ok) throw new Error();
		const shard = await a.visits(2026);
		a.main.update('household', 'h1', { village: '河口村' });
		shard.update('visit', v.value.id, { purpose: '了解就学' });
		a.main.update('household', 'h1', { group: '九组' }); // within the capture window of 河口村
		a.undo();
		expect(a.main.get('household', 'h1')?.raw['group']).toBe('三组');
		expect(a.main.get('household', 'h1')?.raw['village']).toBe('河口村');
		expect(shard.get('visit', v.value.id)?.raw['purpose']).toBe('了解就学');
		a.undo();
		expect(shard.get('visit', v.value.id)?.raw['purpose']).toBeUndefined();
		expect(a.main.get('household', 'h1')?.raw['village']).toBe('河口村');
	});

	it('undoing an edit does not overwrite what another member wrote afterwards', async () => {
		const { a, b } = await pair();
		a.main.create('household', household, { id: 'h1' });
		a.main.undo.stopCapturing();
		a.main.update('household', 'h1', { group: '4组' });
		syncDocs(a.main.doc, b.main.doc);
		b.main.update('household', 'h1', { group: '6组' });
		syncDocs(a.main.doc, b.main.doc);
		a.undo();
		syncDocs(a.main.doc, b.main.doc);
		expect(a.main.get('household', 'h1')?.raw['group']).toBe('6组');
		expect(b.main.get('household', 'h1')?.raw['group']).toBe('6组');
	});
});

describe('[F9] trash and history from the document', () => {
	it('lists deleted records of every kind, restorable', async () => {
		const docs = await openTestDocs(formatActor('张老师', 'd-x1'));
		const h = docs.main.create('household', household);
		const m = docs.main.create('member', { name: '刘书记' });
		const v = await docs.createVisit({
			kind: 'visit',
			date: '2026-02-01',
			subjectKind: 'household',
			subjectId: 'h1'
		});
		if (!h.ok || !m.ok || !v.ok) throw new Error();
		const shard = await docs.visits(2026);
		docs.main.remove('household', h.value);
		docs.main.remove('member', m.value);
		shard.remove('visit', v.value.id);
		const trash = docs.trash();
		expect(trash.map((t) => [t.kind, t.id, t.raw['deletedBy']]).sort()).toEqual(
			[
				['household', h.value, '张老师 · d-x1'],
				['member', m.value, '张老师 · d-x1'],
				['visit', v.value.id, '张老师 · d-x1']
			].sort()
		);
		expect(shard.restore('visit', v.value.id).ok).toBe(true);
		expect(docs.trash()).toHaveLength(2);
	});

	it('shows who changed which field when, and restores an earlier value as a new edit', async () => {
		let t = Date.parse('2026-03-01T08:00:00.000Z');
		const { a, b } = await pair(() => new Date(t));
		a.main.create('household', household, { id: 'h1' });
		t += 120_000;
		a.main.update('household', 'h1', { village: '河口村' });
		a.main.update('household', 'h1', { village: '河口村二' }); // one typing burst, one entry
		syncDocs(a.main.doc, b.main.doc);
		t += 120_000;
		b.main.update('household', 'h1', { village: '大坪村' });
		b.main.setText('household', 'h1', 'notes', '新的情况');
		syncDocs(a.main.doc, b.main.doc);
		const history = a.main.history('household', 'h1');
		expect(history.map((e) => [e.by, e.fields.map((f) => f.path.join('.'))])).toEqual([
			['张老师 · d-aaaa', ['village']],
			['李老师 · d-bbbb', ['village', 'notes']]
		]);
		expect(history[0]?.fields[0]?.value).toBe('河口村二');
		expect(history[1]?.at).toBe(new Date(t).toISOString());
		expect(history.every((e) => e.action === 'edit')).toBe(true);
		expect(a.main.created('household', 'h1')).toEqual({
			at: '2026-03-01T08:00:00.000Z',
			by: '张老师 · d-aaaa'
		});
		t += 120_000;
		expect(a.main.restoreValue('household', 'h1', ['village'], '河口村二').ok).toBe(true);
		expect(a.main.get('household', 'h1')?.raw['village']).toBe('河口村二');
		expect(a.main.history('household', 'h1')).toHaveLength(3);
	});
});

describe('[F5] two members with one ID number in a household are flagged', () => {
	it('flags the pair for merging', async () => {
		const { duplicateIdNumbers } = await import('../domain');
		const groups = duplicateIdNumbers({
			m1: { name: '王小花', idNumber: '11010519491231002X' },
			m2: { name: '王小花', idNumber: '11010519491231002x' },
			m3: { name: '王大明', idNumber: '110105194912310021' },
			m4: { name: '无证' }
		});
		expect(groups).toEqual([['m1', 'm2']]);
	});
});

describe('[F7] a viewer’s device writes nothing', () => {
	it('refuses every write with doc.read_only and changes nothing in the document', async () => {
		const docs = await WorkspaceDocs.open({
			workspaceId: 'ws1',
			actor: formatActor('县督导', 'd-v1'),
			canWrite: () => false
		});
		const before = Y.encodeStateVector(docs.main.doc);
		expect(docs.main.create('household', household)).toEqual({
			ok: false,
			issues: [{ path: [], code: 'doc.read_only' }]
		});
		const v = await docs.createVisit({
			kind: 'visit',
			date: '2026-02-01',
			subjectKind: 'household',
			subjectId: 'h1'
		});
		expect(v.ok).toBe(false);
		expect(Y.encodeStateVector(docs.main.doc)).toEqual(before);
	});
});
