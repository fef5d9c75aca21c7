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

describe('watchAlerts reads the facts the rule tests use', () => {
	const ctx = { settings: ruleSettings(), today: '2026-11-29' };
	async function open(name: string) {
		const docs = await WorkspaceDocs.open({ workspaceId: name, actor: 'cadre1' });
		let alerts: Alert[] = [];
		let published = 0;
		const stop = watchAlerts(
			docs,
			() => ctx,
			(a) => {
				alerts = a;
				published++;
			}
		);
		// The first publish is from the summary; the second once the visit shards are in.
		await until(() => published >= 2);
		const of = (rule: string, hid: string) =>
			alerts.filter((a) => a.ruleId === rule && a.householdId === hid);
		return { docs, of, stop };
	}
	const household = (docs: WorkspaceDocs, headName: string) => {
		const h = docs.main.create('household', { headName });
		if (!h.ok) throw new Error('seed failed');
		return h.value;
	};
	const visit = async (
		docs: WorkspaceDocs,
		hid: string,
		kind: 'phone_call' | 'visit',
		findings?: Record<string, boolean | number>
	) => {
		const v = await docs.createVisit({
			kind,
			date: '2026-11-20',
			subjectKind: 'household',
			subjectId: hid,
			...(findings ? { findings } : {})
		});
		if (!v.ok) throw new Error('visit failed');
		return v.value;
	};

	it('[VISIT-OVERDUE] a household only phoned is overdue; a visit in person is not', async () => {
		const w = await open('alerts-test-visits');
		const phoned = household(w.docs, '电话户');
		const met = household(w.docs, '走访户');
		await visit(w.docs, phoned, 'phone_call');
		await visit(w.docs, met, 'visit');
		await until(() => w.of('VISIT-OVERDUE', met).length === 0);
		expect(w.of('VISIT-OVERDUE', phoned)).toHaveLength(1);
		w.stop();
		w.docs.destroy();
	});

	it('[PROD-LOSS][IND-RETURNS][DISASTER] checklist answers fire; deleting the visit clears them', async () => {
		const w = await open('alerts-test-checklist');
		const hid = household(w.docs, '受灾户');
		const v = await visit(w.docs, hid, 'visit', {
			production_loss: true,
			industry_returns_drop_percent: 50,
			disaster: true
		});
		const fired = () =>
			['PROD-LOSS', 'IND-RETURNS', 'DISASTER'].filter((r) => w.of(r, hid).length > 0);
		await until(() => fired().length === 3);
		const shard = await w.docs.visits(2026);
		expect(shard.remove('visit', v.id).ok).toBe(true);
		// The rules answer by message (a worker in the browser): the removal is published soon after.
		await until(() => fired().length === 0);
		expect(fired()).toEqual([]);
		// Without any counted visit left, the household is overdue again.
		expect(w.of('VISIT-OVERDUE', hid)).toHaveLength(1);
		w.stop();
		w.docs.destroy();
	});

	it('[CASE-NO-MEASURE] a soft-deleted case drops its alerts without reopening', async () => {
		const w = await open('alerts-test-case');
		const hid = household(w.docs, '监测户');
		const c = w.docs.main.create('case', {
			householdId: hid,
			categories: { income_expense: true },
			decisions: {
				a: { order: 1, to: 'nominated', date: '2026-08-01', decidedBy: 'x', source: 'sector_data' },
				b: { order: 2, to: 'verified', date: '2026-08-02', decidedBy: 'x' },
				c: { order: 3, to: 'identified', date: '2026-08-10', decidedBy: 'x' }
			}
		});
		if (!c.ok) throw new Error(JSON.stringify(c.issues));
		await until(() => w.of('CASE-NO-MEASURE', hid).length === 1);
		w.docs.main.remove('case', c.value);
		await until(() => w.of('CASE-NO-MEASURE', hid).length === 0);
		expect(w.of('CASE-NO-MEASURE', hid)).toEqual([]);
		w.stop();
		w.docs.destroy();
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
