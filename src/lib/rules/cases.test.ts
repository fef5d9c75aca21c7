// The procedure's deadlines and the release norms on cases already released. Each test names
// the rule id it checks (docs/rules.md); the procedure itself is case-machine.test.ts.
import { describe, expect, it } from 'vitest';
import { addDays } from '$lib/domain';
import { decision, household, ids, kase, person, plan, run } from './test-data';

const caseIds = (a: ReturnType<typeof run>) => ids(a.filter((x) => x.scope === 'case'));

describe('case deadlines', () => {
	it('[CASE-SLOW-ID] a risk found more than 15 days ago and not yet identified', () => {
		const c = kase({ d1: decision('nominated', '2026-11-01') });
		expect(run(household(), { cases: [c] }).find((a) => a.ruleId === 'CASE-SLOW-ID')).toMatchObject(
			{
				severity: 'high',
				subject: { kind: 'case', id: 'c1' },
				householdId: 'h1',
				figures: { days: 28, limit: 15 }
			}
		);
		expect(
			ids(run(household(), { cases: [kase({ d1: decision('nominated', '2026-11-14') })] }))
		).toEqual([]);
	});

	it('[CASE-POSTING-SHORT] a posting of 4 days; 5 days counted with both ends is enough', () => {
		const posted = (end: string) =>
			kase({
				d1: decision('nominated', '2026-11-20'),
				d2: decision('verified', '2026-11-21'),
				d3: decision('posted', '2026-11-26', { postingStart: '2026-11-21', postingEnd: end })
			});
		expect(run(household(), { cases: [posted('2026-11-24')] })[0]).toMatchObject({
			ruleId: 'CASE-POSTING-SHORT',
			figures: { days: 4, min: 5 }
		});
		expect(ids(run(household(), { cases: [posted('2026-11-25')] }))).toEqual([]);
	});

	it('[CASE-NO-MEASURE] identified over a month ago with no help measure', () => {
		const c = kase({
			d1: decision('alerted', '2026-09-01'),
			d2: decision('verified', '2026-09-03'),
			d3: decision('identified', '2026-09-10')
		});
		expect(ids(run(household(), { cases: [c] }))).toEqual(['CASE-NO-MEASURE']);
		const p = plan({ m1: { type: 'employment', status: 'in_progress' } });
		expect(ids(run(household(), { cases: [c], plans: [p] }))).toEqual([]);
		const cancelled = plan({ m1: { type: 'employment', status: 'cancelled' } });
		expect(ids(run(household(), { cases: [c], plans: [cancelled] }))).toEqual(['CASE-NO-MEASURE']);
	});

	it('[CASE-NO-MEASURE] a soft-deleted case raises nothing', () => {
		const c = kase(
			{ d1: decision('nominated', '2026-09-01'), d2: decision('verified', '2026-09-03') },
			{ deletedAt: '2026-11-01T00:00:00Z', deletedBy: 'x' }
		);
		expect(ids(run(household(), { cases: [c] }))).toEqual([]);
	});
});

describe('release norms on a case already released', () => {
	const released = (identified: string, date: string, more = {}) =>
		kase(
			{
				d1: decision('nominated', addDays(identified, -5)),
				d2: decision('verified', addDays(identified, -3)),
				d3: decision('identified', identified),
				d4: decision('released', date, { releaseWay: 'through_help' })
			},
			more
		);
	const checks = {
		incomeChecks: {
			k1: { date: '2026-03-01', perCapita: 9000 },
			k2: { date: '2026-06-01', perCapita: 9500 }
		}
	};
	const helped = plan({ m1: { type: 'industry', status: 'done' } });
	const good = released('2026-01-05', '2026-09-01', checks);

	it('a release that meets every norm raises nothing', () => {
		expect(caseIds(run(household(), { cases: [good], plans: [helped] }))).toEqual([]);
	});

	it('[CASE-EARLY-RELEASE] released less than 6 months after identification', () => {
		const early = released('2026-03-02', '2026-09-01', checks);
		expect(run(household(), { cases: [early], plans: [helped] })[0]).toMatchObject({
			ruleId: 'CASE-EARLY-RELEASE',
			figures: { identified: '2026-03-02', released: '2026-09-01', earliest: '2026-09-02' }
		});
		const onTime = released('2026-03-01', '2026-09-01', checks);
		expect(caseIds(run(household(), { cases: [onTime], plans: [helped] }))).toEqual([]);
	});

	it('[CASE-RELEASE-BELOW-LINE] released while per-capita income is below the line', () => {
		const poor = household({ incomes: { '2026': { wages: 13_999.99 } } });
		expect(caseIds(run(poor, { cases: [good], plans: [helped] }))).toEqual([
			'CASE-RELEASE-BELOW-LINE'
		]);
		const atLine = household({ incomes: { '2026': { wages: 14_000 } } });
		expect(caseIds(run(atLine, { cases: [good], plans: [helped] }))).toEqual([]);
	});

	it('[CASE-RELEASE-UNSTABLE-INCOME] income above the line for less than 6 months', () => {
		const recent = released('2026-01-05', '2026-09-01', {
			incomeChecks: {
				k1: { date: '2026-03-01', perCapita: 6000 },
				k2: { date: '2026-03-02', perCapita: 9000 }
			}
		});
		expect(run(household(), { cases: [recent], plans: [helped] })[0]).toMatchObject({
			ruleId: 'CASE-RELEASE-UNSTABLE-INCOME',
			figures: { stableSince: '2026-03-02', required: '2026-03-01', months: 6 }
		});
		const none = released('2026-01-05', '2026-09-01');
		expect(caseIds(run(household(), { cases: [none], plans: [helped] }))).toEqual([
			'CASE-RELEASE-UNSTABLE-INCOME'
		]);
	});

	it('[CASE-RELEASE-NO-MEASURE] released with no help measure received since identification', () => {
		const planned = plan({ m1: { type: 'industry', status: 'planned' } });
		expect(caseIds(run(household(), { cases: [good], plans: [planned] }))).toEqual([
			'CASE-RELEASE-NO-MEASURE'
		]);
		const lastYear = plan({ m1: { type: 'industry', status: 'done' } }, { year: 2025 });
		expect(caseIds(run(household(), { cases: [good], plans: [lastYear] }))).toEqual([
			'CASE-RELEASE-NO-MEASURE'
		]);
	});

	it('[CASE-RELEASE-NO-LABOUR] released although nobody of working age can work', () => {
		const old = household({
			members: { a: person({ birthDate: '1950-01-01' }), b: person({ labour: 'none' }) },
			policies: { dibao: true }
		});
		expect(caseIds(run(old, { cases: [good], plans: [helped] }))).toEqual([
			'CASE-RELEASE-NO-LABOUR'
		]);
		const one = household({
			members: { a: person({ birthDate: '1966-01-01' }), b: person({ labour: 'none' }) }
		});
		expect(caseIds(run(one, { cases: [good], plans: [helped] }))).toEqual([]);
	});

	it('[CASE-RELEASE-INSECURE] released while housing, schooling, insurance or water fails', () => {
		const unsafe = household({ housingGrade: 'C', waterLitresPerDay: 10 });
		expect(
			run(unsafe, { cases: [good], plans: [helped] }).find((a) => a.scope === 'case')
		).toMatchObject({
			ruleId: 'CASE-RELEASE-INSECURE',
			figures: { areas: 'housing,water' }
		});
		const reopened = released('2026-01-05', '2026-09-01', checks);
		reopened.decisions!.d5 = decision('nominated', '2026-11-20');
		expect(caseIds(run(unsafe, { cases: [reopened], plans: [helped] }))).toEqual([]);
	});
});
