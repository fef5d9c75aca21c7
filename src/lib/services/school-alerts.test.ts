// The school alerts service over a real document family (no providers): it evaluates after
// starting, follows edits to students and visits, and groups alerts by student.
import { describe, expect, it } from 'vitest';
import { openTestDocs } from '$lib/doc/test-helpers';
import { SchoolAlerts } from './school-alerts.svelte';

const TODAY = '2026-11-20';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SchoolAlerts', () => {
	it('[STU-GUARD-POOR] [STU-TALK-MONTH] follows the file and the talk shard', async () => {
		const docs = await openTestDocs();
		const main = docs.main;
		const sid = main.create('student', {
			name: '王大华',
			categories: { left_behind: true },
			guardianshipRating: 'fair'
		});
		if (!sid.ok) throw new Error('student');
		main.create('member', { name: '王老师' }, { id: 't1' });
		main.create('pairing', {
			kind: 'member_student',
			supporterId: 't1',
			supportedId: sid.value,
			startDate: '2026-09-01'
		});
		const alerts = new SchoolAlerts(docs, () => TODAY);
		await alerts.start();
		expect(alerts.ready).toBe(true);
		const ids = () =>
			alerts
				.forStudent(sid.value)
				.map((a) => a.ruleId)
				.sort();
		expect(ids()).toEqual(['STU-CALL-MONTH', 'STU-HOMEVISIT-TERM', 'STU-TALK-MONTH']);

		main.update('student', sid.value, { guardianshipRating: 'poor' });
		const v = await docs.createVisit({
			kind: 'talk',
			date: '2026-11-05',
			subjectKind: 'student',
			subjectId: sid.value
		});
		expect(v.ok).toBe(true);
		await wait(400);
		expect(ids()).toEqual(['STU-CALL-MONTH', 'STU-GUARD-POOR', 'STU-HOMEVISIT-TERM']);
		alerts.stop();
	});
});
