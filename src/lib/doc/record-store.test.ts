import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestDocs, syncDocs } from './test-helpers';
import { baseName, patchName, textName } from './layout';

const household = { headName: '张三', village: '石门村', group: '三组', type: 'marginal' as const };

describe('RecordStore basics', () => {
	it('creates, reads, updates, soft-deletes and restores, stamping who and when', async () => {
		let t = Date.parse('2026-03-01T08:00:00.000Z');
		const docs = await openTestDocs('m1', () => new Date(t));
		const s = docs.main;
		const created = s.create('household', { ...household, notes: '初次走访' });
		expect(created.ok).toBe(true);
		const id = created.ok ? created.value : '';
		const r = s.get('household', id);
		expect(r?.ok && r.record.headName).toBe('张三');
		expect(r?.ok && r.record.notes).toBe('初次走访');
		expect(r?.ok && r.record.createdBy).toBe('m1');

		t += 120_000;
		expect(s.update('household', id, { housingGrade: 'C' }).ok).toBe(true);
		const u = s.get('household', id);
		expect(u?.ok && [u.record.housingGrade, u.record.updatedAt]).toEqual([
			'C',
			new Date(t).toISOString()
		]);

		expect(s.remove('household', id).ok).toBe(true);
		expect(s.list('household')).toHaveLength(0);
		expect(s.list('household', { includeDeleted: true })[0]?.deleted).toBe(true);
		expect(s.update('household', id, { housingGrade: 'A' })).toMatchObject({ ok: false });
		expect(s.restore('household', id).ok).toBe(true);
		expect(s.list('household').map((x) => x.id)).toEqual([id]);
	});

	it('refuses invalid input with codes and writes nothing', async () => {
		const docs = await openTestDocs();
		const s = docs.main;
		expect(s.create('household', { headName: '' })).toEqual({
			ok: false,
			issues: [{ path: ['headName'], code: 'required' }]
		});
		const id = s.create('household', household);
		if (!id.ok) throw new Error('create failed');
		const bad = s.addItem('household', id.value, 'members', {
			name: '李四',
			idNumber: '110105194912310021'
		});
		expect(bad.ok || bad.issues.map((i) => i.code)).toEqual(['id_number.checksum']);
		const badIncome = s.updateItem(
			'household',
			id.value,
			'incomes',
			'2025',
			{ wages: -1 },
			{ upsert: true }
		);
		expect(badIncome.ok || badIncome.issues[0]?.code).toBe('income.negative');
		expect(s.get('household', id.value)?.raw['members']).toBeUndefined();
	});

	it('observes one record and a kind, local and remote', async () => {
		const a = await openTestDocs('m1');
		const b = await openTestDocs('m2');
		const id = a.main.create('household', household);
		if (!id.ok) throw new Error();
		syncDocs(a.main.doc, b.main.doc);
		const seen: (string | undefined)[] = [];
		const kinds: string[][] = [];
		b.main.observe('household', id.value, (r) => seen.push(r?.ok ? r.record.housingGrade : 'x'));
		b.main.observeKind('household', (ids) => kinds.push([...ids]));
		a.main.update('household', id.value, { housingGrade: 'D' });
		syncDocs(a.main.doc, b.main.doc);
		b.main.update('household', id.value, { housingGrade: 'B' });
		expect(seen).toEqual(['D', 'B']);
		expect(kinds).toEqual([[id.value], [id.value]]);
	});

	it('returns an invalid stored record as { ok: false, issues, raw } instead of dropping it', async () => {
		const docs = await openTestDocs();
		const doc = docs.main.doc;
		doc.getMap(baseName('household')).set('h1', { id: 'h1', headName: '王五', housingGrade: 'Z' });
		const r = docs.main.get('household', 'h1');
		expect(r?.ok).toBe(false);
		expect(r && !r.ok && r.issues.map((i) => i.code)).toContain('enum.invalid');
		expect(r?.raw['headName']).toBe('王五');
		expect(docs.main.list('household')).toHaveLength(1);
	});
});

describe('merging', () => {
	async function pair() {
		const a = await openTestDocs('m1');
		const b = await openTestDocs('m2');
		const id = a.main.create('plan', {
			subjectKind: 'household',
			subjectId: 'h1',
			year: 2026,
			text: '目标：'
		});
		if (!id.ok) throw new Error();
		syncDocs(a.main.doc, b.main.doc);
		return { a: a.main, b: b.main, id: id.value };
	}

	it('keeps concurrent edits of different fields of one record', async () => {
		const { a, b, id } = await pair();
		a.update('plan', id, { title: '产业帮扶' });
		b.setPath('plan', id, ['year'], 2027);
		syncDocs(a.doc, b.doc);
		const r = a.get('plan', id);
		expect(r?.ok && [r.record.title, r.record.year]).toEqual(['产业帮扶', 2027]);
		expect(b.get('plan', id)?.raw).toEqual(r?.raw);
	});

	it('merges concurrent typing character by character', async () => {
		const { a, b, id } = await pair();
		a.editText('plan', id, 'text', 3, 0, '养牛两头');
		b.editText('plan', id, 'text', 0, 0, '【2026】');
		b.setText('plan', id, 'text', '【2026】目标：增收');
		syncDocs(a.doc, b.doc);
		const text = a.get('plan', id)?.raw['text'];
		expect(text).toBe(b.get('plan', id)?.raw['text']);
		expect(text).toContain('养牛两头');
		expect(text).toContain('【2026】');
		expect(text).toContain('增收');
	});

	it('never duplicates or loses concurrently added list items', async () => {
		const { a, b, id } = await pair();
		const x = a.addItem('plan', id, 'measures', { type: 'industry', description: '养牛' });
		const y = b.addItem('plan', id, 'measures', { type: 'employment', description: '务工' });
		syncDocs(a.doc, b.doc);
		const measures = a.get('plan', id)?.raw['measures'] as Record<string, unknown>;
		expect(Object.keys(measures).sort()).toEqual([x.ok && x.value, y.ok && y.value].sort());
		// Removing one while the other person edits it: it stays removed, nothing half remains.
		if (!x.ok) throw new Error();
		a.removeItem('plan', id, 'measures', x.value);
		b.updateItem('plan', id, 'measures', x.value, { status: 'done' });
		syncDocs(a.doc, b.doc);
		expect(Object.keys(b.get('plan', id)?.raw['measures'] as object)).toEqual([y.ok && y.value]);
	});
});

describe('forward compatibility', () => {
	it('keeps unknown fields, list-item fields and kinds when this version edits', async () => {
		const newer = new Y.Doc();
		newer.getMap('meta').set('v:1.3', true);
		newer.getMap('kinds').set('grant', true);
		newer.getMap(baseName('grant')).set('g1', { id: 'g1', amount: 5 });
		newer.getMap(baseName('household')).set('h1', {
			id: 'h1',
			createdAt: '2026-01-01T00:00:00.000Z',
			createdBy: 'x',
			updatedAt: '2026-01-01T00:00:00.000Z',
			updatedBy: 'x',
			headName: '赵六',
			carbonCredits: 12,
			members: { p1: { name: '赵六', futureField: 'keep' } }
		});
		newer.getMap(patchName('household')).set('h1/solarPanels', 2);
		const docs = await openTestDocs();
		Y.applyUpdate(docs.main.doc, Y.encodeStateAsUpdate(newer));
		const s = docs.main;
		expect(s.compat()).toEqual({ status: 'ok', major: 1, minor: 3 });
		expect(s.update('household', 'h1', { housingGrade: 'A' }).ok).toBe(true);
		expect(s.updateItem('household', 'h1', 'members', 'p1', { labour: 'weak' }).ok).toBe(true);
		s.create('household', { headName: '新户' });
		Y.applyUpdate(newer, Y.encodeStateAsUpdate(docs.main.doc, Y.encodeStateVector(newer)));
		const raw = s.raw('household', 'h1');
		expect(raw).toMatchObject({
			carbonCredits: 12,
			solarPanels: 2,
			housingGrade: 'A',
			members: { p1: { name: '赵六', futureField: 'keep', labour: 'weak' } }
		});
		expect(newer.getMap(baseName('grant')).get('g1')).toEqual({ id: 'g1', amount: 5 });
		expect(s.unknownKinds()).toEqual(['grant']);
		expect(s.raw('grant', 'g1')).toEqual({ id: 'g1', amount: 5 });
	});

	it('reports a doc from a newer major version and does not write to it', async () => {
		const docs = await openTestDocs();
		docs.main.doc.getMap('meta').set('v:2.0', true);
		const before = Y.encodeStateVector(docs.main.doc);
		expect(docs.main.compat().status).toBe('newer');
		expect(docs.main.create('member', { name: '钱七' })).toEqual({
			ok: false,
			issues: [{ path: [], code: 'doc.newer_version' }]
		});
		expect(Y.encodeStateVector(docs.main.doc)).toEqual(before);
	});
});

describe('undo', () => {
	it('undoes only this device’s edits, across main doc and shard', async () => {
		const a = await openTestDocs('m1');
		const b = await openTestDocs('m2');
		const id = a.main.create('household', household);
		if (!id.ok) throw new Error();
		a.main.undo.stopCapturing();
		const v = await a.createVisit({
			kind: 'visit',
			date: '2026-02-01',
			subjectKind: 'household',
			subjectId: id.value,
			notes: '看望'
		});
		expect(v.ok).toBe(true);
		syncDocs(a.main.doc, b.main.doc);
		b.main.update('household', id.value, { village: '河口村' });
		syncDocs(a.main.doc, b.main.doc);
		expect(a.undo()).toBe(true); // the visit (latest own edit)
		expect((await a.visits(2026)).list('visit')).toHaveLength(0);
		// The household creation: m2 has edited it since, so undoing it neither deletes nor hides
		// it (issue 9 #6); the step is used up.
		expect(a.undo()).toBe(true);
		expect(a.main.get('household', id.value)?.raw['headName']).toBe('张三');
		expect(a.main.get('household', id.value)?.deleted).toBe(false);
		expect(a.main.get('household', id.value)?.raw['village']).toBe('河口村');
		expect(a.redo()).toBe(true); // the visit again
		expect((await a.visits(2026)).list('visit')).toHaveLength(1);
	});

	it('keeps the last-visit summary in the main doc', async () => {
		const a = await openTestDocs('m1');
		await a.createVisit({
			kind: 'visit',
			date: '2026-02-01',
			subjectKind: 'household',
			subjectId: 'h9'
		});
		await a.createVisit({
			kind: 'visit',
			date: '2025-12-01',
			subjectKind: 'household',
			subjectId: 'h9'
		});
		expect(a.lastVisits().get('h9')).toBe('2026-02-01');
		expect([...a.shards.keys()].sort()).toEqual(['visits-2025', 'visits-2026']);
		const s = await a.visits(2026);
		const wrongYear = s.create('visit', {
			kind: 'visit',
			date: '2025-01-01',
			subjectKind: 'household',
			subjectId: 'h9'
		});
		expect(wrongYear.ok || wrongYear.issues[0]?.code).toBe('date.shard_year');
		expect(a.main.doc.share.has(textName('visit', 'x', 'notes'))).toBe(false);
	});
});

describe('undo steps', () => {
	it('a creation is its own step: undoing a quick edit right after it keeps the record', async () => {
		const a = await openTestDocs('m1');
		const id = a.main.create('household', household);
		if (!id.ok) throw new Error();
		a.main.update('household', id.value, { village: '白岩村' }); // within the capture window
		expect(a.undo()).toBe(true);
		expect(a.main.get('household', id.value)?.raw['headName']).toBe('张三');
		expect(a.main.get('household', id.value)?.raw['village']).not.toBe('白岩村');
	});
});
