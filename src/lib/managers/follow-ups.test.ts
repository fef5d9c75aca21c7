// 跟进 → 措施 over a real session in node (fake-indexeddb): a talk's follow-up becomes a
// measure of the student's plan in one call, linked back to the talk; a second call (or a
// second follow-up of another year) never duplicates it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deviceService } from '$lib/services/device.svelte';
import { WorkspaceSession } from '$lib/services/workspace.svelte';
import { FollowUpsManager } from './follow-ups.svelte';
import { StudentsManager } from './students.svelte';

describe('follow-up → plan measure', () => {
	it('starts the year’s plan with the measure, links it back, and never adds it twice', async () => {
		await deviceService.load();
		const ws = await deviceService.createWorkspace('红星小学关爱组', 'school');
		const session = await WorkspaceSession.open(ws, () => deviceService.actorIn(ws.id));
		const sid = new StudentsManager(session).create(
			{ name: '曾小乐', categories: { struggling: true } },
			true
		)!;
		const v = await session.docs.createVisit({
			kind: 'talk',
			date: '2025-10-09',
			subjectKind: 'student',
			subjectId: sid,
			visitorIds: ['m1'],
			followUps: { f1: { order: 1, text: '每周二放学后补数学', dueDate: '2025-11-30' } }
		});
		if (!v.ok) throw new Error('visit');
		const shard = await session.docs.visits(2025);
		const visit = shard.get('visit', v.value.id);
		if (!visit?.ok) throw new Error('read');
		const fu = new FollowUpsManager(session, sid);
		expect(fu.rows(visit.record)).toEqual([
			{ key: 'f1', text: '每周二放学后补数学', dueDate: '2025-11-30', planId: undefined }
		]);

		const made = fu.toMeasure(visit.record, 'f1');
		if (!made.ok) throw new Error(JSON.stringify(made.issues));
		const plan = session.record('plan', made.value);
		if (!plan?.ok) throw new Error('plan');
		expect(plan.record).toMatchObject({ subjectId: sid, year: 2025, planType: 'struggling' });
		const measures = Object.values(plan.record.measures ?? {});
		expect(measures).toEqual([
			expect.objectContaining({
				type: 'education',
				description: '每周二放学后补数学',
				ownerId: 'm1',
				dueDate: '2025-11-30',
				status: 'planned',
				fromVisitId: v.value.id
			})
		]);

		// Pressed again: the same plan, still one measure; the row now links to the plan.
		await new Promise((r) => setTimeout(r, 0));
		expect(fu.toMeasure(visit.record, 'f1')).toEqual({ ok: true, value: made.value });
		const again = session.record('plan', made.value);
		expect(Object.keys((again?.ok && again.record.measures) || {})).toHaveLength(1);
		expect(fu.rows(visit.record)[0]?.planId).toBe(made.value);
		expect(session.rows('plan').filter((r) => !r.deleted)).toHaveLength(1);

		expect(fu.toMeasure(visit.record, 'nope').ok).toBe(false);
		session.destroy();
	});
});
