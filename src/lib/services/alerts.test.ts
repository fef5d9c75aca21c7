// The background rules of an open workspace, over a real WorkspaceDocs family.
import { describe, expect, it } from 'vitest';
import { WorkspaceDocs } from '$lib/doc';
import { ruleSettings, type Alert } from '$lib/rules';
import { alertCounts, alertsAbout, watchAlerts } from './alerts';

const until = async (pred: () => boolean) => {
	for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
	expect(pred()).toBe(true);
};

describe('watchAlerts', () => {
	it('fires after the first paint, then follows each edit of one household', async () => {
		const docs = await WorkspaceDocs.open({ workspaceId: 'alerts-test-1', actor: 'cadre1' });
		const safe = docs.main.create('household', { headName: '安全户', housingGrade: 'A' });
		const unsafe = docs.main.create('household', { headName: '危房户', housingGrade: 'D' });
		if (!safe.ok || !unsafe.ok) throw new Error('seed failed');
		let alerts: Alert[] | undefined;
		const ctx = { settings: ruleSettings(), today: '2026-11-29' };
		const stop = watchAlerts(
			docs,
			() => ctx,
			(a) => (alerts = a)
		);
		expect(alerts).toBeUndefined(); // nothing on the first frame
		await until(() => alerts !== undefined);
		const housing = () =>
			(alerts ?? []).filter((a) => a.ruleId === 'HOUSING').map((a) => a.householdId);
		expect(housing()).toEqual([unsafe.value]);

		// The rules answer by message (a worker in the browser): each edit is published soon after.
		docs.main.update('household', safe.value, { housingGrade: 'C' });
		await until(() => housing().length === 2);
		expect(housing().sort()).toEqual([safe.value, unsafe.value].sort());
		docs.main.remove('household', unsafe.value);
		await until(() => housing().length === 1);
		expect(housing()).toEqual([safe.value]);
		stop();
		docs.destroy();
	});
});

describe('alerts by subject', () => {
	it('counts and filters by subject kind and id', () => {
		const alert = (householdId: string) => ({ householdId }) as Alert;
		const all = [alert('h1'), alert('h1'), alert('h2')];
		expect(alertCounts(all, 'household')).toEqual({ h1: 2, h2: 1 });
		expect(alertCounts(all, 'student')).toEqual({});
		expect(alertsAbout(all, { kind: 'household', id: 'h2' })).toEqual([all[2]]);
		expect(alertsAbout(all, { kind: 'student', id: 'h2' })).toEqual([]);
	});
});
