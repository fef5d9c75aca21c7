// The work group's deadlines, from what was handed in or held (filings). Each test names the
// rule id it checks (docs/rules.md).
import { describe, expect, it } from 'vitest';
import type { Filing, FilingDuty } from '$lib/domain';
import { evaluateWorkspace, ruleSettings } from './engine';
import { RuleEngineHost } from './engine-host';
import { workspaceStart } from './workspace-rules';
import { household, meta } from './test-data';

const filing = (duty: FilingDuty, date: string, period?: string): Filing => ({
	id: `${duty}-${date}`,
	...meta,
	duty,
	date,
	...(period ? { period } : {})
});
const on = (today: string) => ({ today, settings: ruleSettings() });
const fired = (filings: Filing[], today: string, householdCount = 3) =>
	evaluateWorkspace({ filings, householdCount }, on(today)).map((a) => a.ruleId);
const all: Filing[] = [
	filing('township_check', '2026-11-20'),
	filing('liaison_meeting', '2026-10-10')
];

describe('deadlines of the work group', () => {
	it('[DUE-LEDGER] last month’s ledger not handed in by the 10th', () => {
		const base = [...all, filing('quarterly_report', '2026-09-14', '2026-Q3')];
		const alerts = evaluateWorkspace({ filings: base, householdCount: 3 }, on('2026-11-11'));
		expect(alerts.find((a) => a.ruleId === 'DUE-LEDGER')).toMatchObject({
			subject: { kind: 'workspace', id: 'workspace' },
			figures: { period: '2026-10', dueDate: '2026-11-10' }
		});
		expect(fired(base, '2026-11-10')).toEqual(['DUE-LEDGER']); // September's, on the due day of October's
		expect(
			fired([...base, filing('monthly_ledger', '2026-10-09', '2026-09')], '2026-11-10')
		).toEqual([]);
		expect(
			fired([...base, filing('monthly_ledger', '2026-11-09', '2026-10')], '2026-11-11')
		).toEqual([]);
	});

	it('[DUE-QUARTERLY] the quarter’s report not handed in by the 15th of its last month', () => {
		const base = [...all, filing('monthly_ledger', '2026-11-09', '2026-10')];
		expect(
			evaluateWorkspace({ filings: base, householdCount: 3 }, on('2026-12-16')).find(
				(a) => a.ruleId === 'DUE-QUARTERLY'
			)
		).toMatchObject({ figures: { period: '2026-Q4', dueDate: '2026-12-15' } });
		const q3 = [...base, filing('quarterly_report', '2026-09-15', '2026-Q3')];
		expect(fired(q3, '2026-12-15')).not.toContain('DUE-QUARTERLY');
		expect(fired(base, '2026-12-15')).toContain('DUE-QUARTERLY'); // Q3 still missing
	});

	it('[DUE-TOWNSHIP-CHECK] no township check within a month; never is overdue too', () => {
		const done = [
			filing('monthly_ledger', '2026-11-09', '2026-10'),
			filing('quarterly_report', '2026-09-14', '2026-Q3'),
			filing('liaison_meeting', '2026-10-10')
		];
		const last = (d: string) => [...done, filing('township_check', d)];
		expect(fired(last('2026-10-28'), '2026-11-29')).toEqual(['DUE-TOWNSHIP-CHECK']);
		expect(fired(last('2026-10-29'), '2026-11-29')).toEqual([]);
		expect(
			evaluateWorkspace({ filings: done, householdCount: 3 }, on('2026-11-29'))[0]
		).toMatchObject({ ruleId: 'DUE-TOWNSHIP-CHECK', figures: { last: '', dueDate: '' } });
	});

	it('[DUE-LIAISON] no liaison meeting within a quarter', () => {
		const done = [
			filing('monthly_ledger', '2026-11-09', '2026-10'),
			filing('quarterly_report', '2026-09-14', '2026-Q3'),
			filing('township_check', '2026-11-20')
		];
		expect(fired([...done, filing('liaison_meeting', '2026-08-28')], '2026-11-29')).toEqual([
			'DUE-LIAISON'
		]);
		expect(fired([...done, filing('liaison_meeting', '2026-08-29')], '2026-11-29')).toEqual([]);
	});

	it('[DUE-LEDGER] a workspace without households (a school’s) has no monitoring deadlines', () => {
		expect(fired([], '2026-11-29', 0)).toEqual([]);
		const deleted = {
			...filing('monthly_ledger', '2026-11-09', '2026-10'),
			deletedAt: '2026-11-10T00:00:00Z',
			deletedBy: 'x'
		};
		expect(
			fired([...all, filing('quarterly_report', '2026-09-14', '2026-Q3'), deleted], '2026-11-29')
		).toEqual(['DUE-LEDGER']);
	});

	describe('counted from the workspace’s first day', () => {
		const since = (today: string, start: string, filings: Filing[] = []) =>
			evaluateWorkspace(
				{ filings, householdCount: 3 },
				{ today, start, settings: ruleSettings() }
			).map((a) => a.ruleId);

		it('[DUE-LEDGER] a workspace made on 1 December owes no October or November ledger', () => {
			expect(since('2026-12-02', '2026-12-01')).not.toContain('DUE-LEDGER'); // October's
			expect(since('2026-12-11', '2026-12-01')).not.toContain('DUE-LEDGER'); // November's
			// Near miss: one day earlier, November is a month of the workspace's.
			expect(since('2026-12-11', '2026-11-30')).toContain('DUE-LEDGER');
			expect(since('2027-01-11', '2026-12-01')).toContain('DUE-LEDGER'); // December's
		});

		it('[DUE-QUARTERLY] only quarters that end on or after the first day are due', () => {
			expect(since('2026-12-02', '2026-10-01')).not.toContain('DUE-QUARTERLY'); // Q3
			expect(since('2026-12-02', '2026-09-30')).toContain('DUE-QUARTERLY');
			expect(since('2026-12-16', '2026-12-01')).toContain('DUE-QUARTERLY'); // Q4, begun
		});

		it('[DUE-TOWNSHIP-CHECK] never held is late only once a month has passed since the start', () => {
			expect(since('2027-01-01', '2026-12-01')).not.toContain('DUE-TOWNSHIP-CHECK');
			const late = evaluateWorkspace(
				{ filings: [], householdCount: 3 },
				{ today: '2027-01-02', start: '2026-12-01', settings: ruleSettings() }
			).find((a) => a.ruleId === 'DUE-TOWNSHIP-CHECK');
			expect(late?.figures).toEqual({ last: '', dueDate: '2027-01-01', months: 1 });
			// A check held on paper before the workspace existed does not make it late sooner.
			const paper = [filing('township_check', '2026-10-01')];
			expect(since('2026-12-02', '2026-12-01', paper)).not.toContain('DUE-TOWNSHIP-CHECK');
		});

		it('[DUE-LIAISON] never held is late only a quarter after the start', () => {
			expect(since('2027-03-01', '2026-12-01')).not.toContain('DUE-LIAISON');
			expect(since('2027-03-02', '2026-12-01')).toContain('DUE-LIAISON');
		});

		it('[DUE-LEDGER] the first day is the creation’s date in the workspace’s time zone', () => {
			// 00:30 in Beijing on 1 December is still 30 November in UTC.
			expect(workspaceStart('2026-11-30T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01');
			expect(workspaceStart(undefined, 'Asia/Shanghai')).toBeUndefined();
			expect(workspaceStart('not a date', 'Asia/Shanghai')).toBeUndefined();
		});

		it('[DUE-LEDGER] the start reaches the rules’ worker, and learning it later clears the alert', () => {
			const host = new RuleEngineHost();
			host.begin({ today: '2026-12-02', settings: ruleSettings() });
			host.add('household', [JSON.stringify(household({ id: 'h1' }))]);
			host.finish();
			host.setContext({ today: '2026-12-02', settings: ruleSettings() });
			expect(host.take(10).workspace?.map((a) => a.ruleId)).toContain('DUE-LEDGER');
			host.setContext({ today: '2026-12-02', start: '2026-12-01', settings: ruleSettings() });
			expect(host.take(10).workspace?.map((a) => a.ruleId) ?? []).not.toContain('DUE-LEDGER');
		});
	});
});
