// The screens' managers over a real open workspace (WorkspaceSession on fake-indexeddb):
// what the household file and the visit form read and write.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { WorkspaceSession } from '$lib/services/workspace.svelte';
import { HouseholdFileManager } from './household-file.svelte';
import { HouseholdsManager } from './households.svelte';
import { VisitFormManager } from './visit-form.svelte';

const open = (id: string) =>
	WorkspaceSession.open(
		{
			id,
			name: '石门村工作组',
			kind: 'village',
			role: 'owner',
			createdAt: '2026-11-01T00:00:00.000Z',
			lastOpenedAt: '2026-11-01T00:00:00.000Z'
		},
		() => 'cadre1'
	);

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('managers', () => {
	it('household file: edits, per-capita income from the rules, and this year’s visits', async () => {
		const session = await open('managers-test-1');
		const households = new HouseholdsManager(session);
		expect(households.create({ headName: '' })).toBeUndefined();
		expect(households.issues.map((i) => i.path[0])).toContain('headName');
		const hid = households.create({ headName: '周永福', village: '石门村' });
		if (!hid) throw new Error('not created');
		expect(households.rows.map((r) => r.name)).toEqual(['周永福']);

		const file = new HouseholdFileManager(session, hid);
		const stop = file.watch();
		expect(file.household?.headName).toBe('周永福');
		file.setIncome('wages', 12_000);
		file.setIncome('eligibleOutOfPocket', 2_000);
		expect(file.perCapita).toBe(10_000); // one member counted at least
		file.addMember({ name: '周小红', relation: 'child' });
		file.addMember({ name: '周大山', relation: 'spouse' });
		expect(file.perCapita).toBe(5_000);
		file.setText('village', '   ');
		expect(file.household?.village).toBeUndefined();

		const form = new VisitFormManager(session);
		expect(form.subjects).toEqual([{ value: hid, label: '周永福' }]);
		expect(await form.save({ kind: 'visit', date: 'not-a-date', subjectId: hid })).toBeUndefined();
		expect(form.issues.map((i) => i.path[0])).toContain('date');
		const saved = await form.save({ kind: 'visit', date: file.today, subjectId: hid, met: '本人' });
		expect(saved).toBeTypeOf('string');
		await settle();
		expect(file.visits.map((v) => v.met)).toEqual(['本人']);

		file.remove();
		expect(file.result?.deleted).toBe(true);
		expect(households.rows).toEqual([]);
		file.restore();
		expect(file.result?.deleted).toBe(false);
		stop();
		session.destroy();
	});

	it('visit form: a student is a subject like a household', async () => {
		const session = await open('managers-test-2');
		const student = session.docs.main.create('student', { name: '李明', className: '初二(3)班' });
		session.docs.main.create('household', { headName: '周永福' });
		if (!student.ok) throw new Error('not created');
		const form = new VisitFormManager(session, 'student');
		expect(form.subjects.map((s) => s.label)).toEqual(['李明 · 初二(3)班']);
		const id = await form.save({ kind: 'talk', date: '2026-03-01', subjectId: student.value });
		expect(id).toBeTypeOf('string');
		const shard = await session.docs.visits(2026);
		expect(shard.get('visit', id ?? '')?.raw.subjectKind).toBe('student');
		session.destroy();
	});
});
