import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Member } from '$lib/domain';
import { household, kase, meta, pairing, person, run, visit } from '$lib/rules/test-data';
import { dashboardFigures, type DashboardInput } from './dashboard';

const TODAY = '2026-11-29';
const member = (id: string, name: string): Member => ({ id, ...meta, name, role: 'cadre' });

function input(more: Partial<DashboardInput> = {}): DashboardInput {
	const h1 = household({ id: 'h1', type: 'marginal', village: '东村' }); // 40,000 / 2 = 20,000
	const h2 = household({
		id: 'h2',
		type: 'unstable_after_exit',
		village: '西村',
		members: { a: person(), b: person(), c: person() },
		incomes: { '2025': { wages: 14_999.99 } } // 4,999.99… per person: below 5,000 by a fen
	});
	const h3 = household({ id: 'h3', village: '西村' });
	return {
		settings: DEFAULT_SETTINGS,
		today: TODAY,
		households: [h1, h2, h3, household({ id: 'gone', deletedAt: '2026-02-01T00:00:00Z' })],
		cases: [
			kase(
				{ a: { order: 1, to: 'nominated', date: '2026-03-01', decidedBy: 'x' } },
				{ id: 'c0', householdId: 'h2' }
			),
			kase(
				{
					a: { order: 1, to: 'nominated', date: '2026-05-01', decidedBy: 'x' },
					b: { order: 2, to: 'identified', date: '2026-05-10', decidedBy: 'x' }
				},
				{ id: 'c1', householdId: 'h2' }
			)
		],
		pairings: [
			pairing({ id: 'p1', supporterId: 'm1', supportedId: 'h1', startDate: '2025-03-01' }),
			pairing({ id: 'p2', supporterId: 'm1', supportedId: 'h2', startDate: '2026-01-01' }),
			pairing({
				id: 'p3',
				supporterId: 'm2',
				supportedId: 'h3',
				startDate: '2026-01-01',
				visitEveryMonths: 1
			}),
			pairing({
				id: 'old',
				supporterId: 'm2',
				supportedId: 'h1',
				startDate: '2025-01-01',
				endDate: '2025-02-28'
			})
		],
		members: [member('m1', '王干部'), member('m2', '李干部')],
		visits: [
			visit('2026-10-09', { id: 'v1', subjectId: 'h1' }),
			visit('2026-10-20', { id: 'v2', subjectId: 'h1' }), // a second visit does not count twice
			visit('2026-11-02', { id: 'v3', subjectId: 'h2', kind: 'phone_call' }), // not in person
			visit('2026-11-03', { id: 'v4', subjectId: 'h3' }),
			visit('2026-11-04', { id: 'v5', subjectId: 'h3', deletedAt: '2026-11-05T00:00:00Z' }),
			visit('2026-09-30', { id: 'v6', subjectId: 'h2' }) // last quarter
		],
		alerts: [],
		...more
	};
}

describe('dashboard figures', () => {
	it('households by type and by the state of their latest case; deleted ones left out', () => {
		const f = dashboardFigures(input());
		expect(f.households).toBe(3);
		expect(f.byType).toEqual([
			{ key: 'unstable_after_exit', count: 1 },
			{ key: 'marginal', count: 1 },
			{ key: 'unset', count: 1 }
		]);
		expect(f.byCaseState).toEqual([
			{ key: 'none', count: 2 },
			{ key: 'identified', count: 1 }
		]);
	});

	it('progress against the target: programme year from the first pairing, income compared exactly', () => {
		const f = dashboardFigures(input());
		expect(f.targets).toEqual({
			programmeYear: 2,
			targetPercent: 80,
			paired: 3,
			reached: 2, // h1 and h3 (20,000 each); h2 is a fen short of 5,000
			reachedPercent: 66.7,
			targetIncome: 5000
		});
		const settings = {
			...DEFAULT_SETTINGS,
			targetIncomePerCapita: 4999.99,
			exitTargetPercents: [50, 70, 90] as [number, number, number]
		};
		expect(dashboardFigures(input({ settings })).targets).toMatchObject({
			reached: 3,
			targetPercent: 70
		});
	});

	it('visits done vs due this quarter per member: in person, once per due visit, deleted never', () => {
		expect(dashboardFigures(input()).visits).toEqual([
			{ memberId: 'm2', name: '李干部', households: 1, done: 1, due: 3 },
			{ memberId: 'm1', name: '王干部', households: 2, done: 1, due: 2 }
		]);
	});

	it('monitored share of registered people, and alerts by category and village', () => {
		const h3 = household({ id: 'h3', village: '西村', members: {} }); // never visited
		const alerts = run(h3, { lastVisit: undefined }).map((a) => ({ ...a, householdId: 'h3' }));
		expect(alerts.length).toBeGreaterThan(0);
		const f = dashboardFigures(input({ alerts }));
		expect(f.monitored).toEqual({ people: 3, registered: 7, percent: 42.9, watchPercent: 5 });
		expect(f.alertsByCategory.find((c) => c.key === 'cadence')?.count).toBeGreaterThan(0);
		expect(f.alertsByVillage).toEqual([{ key: '西村', count: alerts.length }]);
	});
});
