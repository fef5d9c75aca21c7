// The procedure of a monitoring case: every transition it allows, and every refusal named by
// its norm with the figures.
import { describe, expect, it } from 'vitest';
import { caseState, type MonitoringCase } from '$lib/domain';
import { checkStep, procedureNext, type StepRequest } from './case-machine';
import { ctx, household, kase, person, plan } from './test-data';
import type { CaseFacts } from './types';

const helped = plan({ m1: { type: 'industry', status: 'done' } });
const facts = (c: MonitoringCase, more: Partial<CaseFacts> = {}): CaseFacts => ({
	household: household(),
	cases: [c],
	plans: [helped],
	lastVisit: undefined,
	case: c,
	...more
});
const step = (to: StepRequest['to'], date: string, extra: Partial<StepRequest> = {}) =>
	({ to, date, decidedBy: 'cadre', ...extra }) as StepRequest;

/** Takes the steps in order, each checked; returns the case as recorded. */
function walk(
	steps: StepRequest[],
	base: Partial<MonitoringCase> = {},
	more: Partial<CaseFacts> = {}
) {
	let c = kase({}, base);
	steps.forEach((s, i) => {
		expect(checkStep(facts(c, more), s, ctx), `${s.to}`).toEqual([]);
		c = { ...c, decisions: { ...c.decisions, [`d${i}`]: { ...s, order: i + 1 } } };
	});
	return c;
}

const nominated = step('nominated', '2026-01-02', { source: 'household_application' });
const verified = step('verified', '2026-01-04', { checklistDone: true, authorisationSigned: true });
const posted = step('posted', '2026-01-10', {
	postingStart: '2026-01-05',
	postingEnd: '2026-01-09'
});
const township = step('township_reviewed', '2026-01-12');
const county = step('county_approved', '2026-01-14');
const identified = step('identified', '2026-01-15');
const helping = step('helped', '2026-02-01');
const release = step('released', '2026-09-01', { releaseWay: 'through_help' });
const cats = { categories: { income_expense: true } };
const checks = {
	incomeChecks: {
		k1: { date: '2026-02-20', perCapita: 9000 },
		k2: { date: '2026-08-20', perCapita: 9500 }
	}
};
const upTo = (n: number) =>
	[nominated, verified, posted, township, county, identified, helping].slice(0, n);

describe('the procedure', () => {
	it('goes nominated → verified → posted → township → county → identified → helped → released, and reopens', () => {
		const c = walk([...upTo(7), release], { ...cats, ...checks });
		expect(caseState(c.decisions)).toBe('released');
		expect(procedureNext('released')).toEqual(['nominated']);
		expect(procedureNext('identified')).toEqual(['helped', 'released']);
		const reopened = walk(
			[
				...upTo(7),
				release,
				step('nominated', '2026-10-01', { source: 'rule_alert', ruleId: 'INC-DROP' })
			],
			{ ...cats, ...checks }
		);
		expect(caseState(reopened.decisions)).toBe('nominated');
	});

	it('[CASE-STEP-ORDER] a step out of order is refused with where the case stands', () => {
		const c = walk(upTo(2));
		expect(checkStep(facts(c), identified, ctx)).toEqual([
			{ norm: 'CASE-STEP-ORDER', figures: { from: 'verified', to: 'identified' } }
		]);
		expect(checkStep(facts(kase({})), verified, ctx)[0]?.norm).toBe('CASE-STEP-ORDER');
	});

	it('[CASE-STEP-DATE] a step dated before the previous one', () => {
		const c = walk(upTo(1));
		expect(checkStep(facts(c), { ...verified, date: '2026-01-01' }, ctx)).toContainEqual({
			norm: 'CASE-STEP-DATE',
			figures: { last: '2026-01-02', date: '2026-01-01' }
		});
	});

	it('[CASE-NOMINATE-SOURCE] a nomination says where it came from', () => {
		expect(checkStep(facts(kase({})), step('nominated', '2026-01-02'), ctx)).toEqual([
			{ norm: 'CASE-NOMINATE-SOURCE', figures: {} }
		]);
	});

	it('[CASE-VERIFY-EVIDENCE] verified needs the 排查表 and the signed authorisation', () => {
		const c = walk(upTo(1));
		expect(checkStep(facts(c), { ...verified, authorisationSigned: false }, ctx)).toEqual([
			{ norm: 'CASE-VERIFY-EVIDENCE', figures: { checklistDone: 1, authorisationSigned: 0 } }
		]);
	});

	it('[CASE-POSTING-SHORT] a posting of 4 days is refused; 5 days both ends counted passes', () => {
		const c = walk(upTo(2));
		const short = { ...posted, postingEnd: '2026-01-08' };
		expect(checkStep(facts(c), short, ctx)).toEqual([
			{
				norm: 'CASE-POSTING-SHORT',
				figures: { start: '2026-01-05', end: '2026-01-08', days: 4, min: 5 }
			}
		]);
		expect(checkStep(facts(c), posted, ctx)).toEqual([]);
	});

	it('[CASE-POSTING-OPEN] the review is not recorded before the posting has ended', () => {
		const c = walk(upTo(2));
		expect(checkStep(facts(c), { ...posted, date: '2026-01-08' }, ctx)).toEqual([
			{ norm: 'CASE-POSTING-OPEN', figures: { end: '2026-01-09', date: '2026-01-08' } }
		]);
	});

	it('[CASE-ID-NO-RISK] identification names at least one risk category', () => {
		const c = walk(upTo(5));
		expect(checkStep(facts(c), identified, ctx)).toEqual([
			{ norm: 'CASE-ID-NO-RISK', figures: { risks: 0 } }
		]);
		expect(checkStep(facts({ ...c, ...cats }), identified, ctx)).toEqual([]);
	});

	it('[CASE-HELP-NO-MEASURE] "helped" needs a measure in the household’s plans', () => {
		const c = walk(upTo(6), cats);
		expect(checkStep(facts(c, { plans: [] }), helping, ctx)).toEqual([
			{ norm: 'CASE-HELP-NO-MEASURE', figures: { measures: 0 } }
		]);
	});
});

describe('release guards, enforced', () => {
	const ready = () => walk(upTo(7), { ...cats, ...checks });
	const norms = (c: MonitoringCase, s: StepRequest, more: Partial<CaseFacts> = {}) =>
		checkStep(facts(c, more), s, ctx).map((r) => r.norm);

	it('[CASE-RELEASE-WAY] a release says 帮扶消除 or 自然消除', () => {
		expect(norms(ready(), { ...release, releaseWay: undefined })).toEqual(['CASE-RELEASE-WAY']);
	});

	it('[CASE-EARLY-RELEASE] refused before 6 months under monitoring, with the earliest date', () => {
		expect(checkStep(facts(ready()), { ...release, date: '2026-07-14' }, ctx)).toContainEqual({
			norm: 'CASE-EARLY-RELEASE',
			figures: { identified: '2026-01-15', released: '2026-07-14', earliest: '2026-07-15' }
		});
		expect(norms(ready(), { ...release, date: '2026-08-21' })).toEqual([]);
	});

	it('[CASE-RELEASE-BELOW-LINE] refused while per-capita income is below the line', () => {
		const poor = household({ incomes: { '2026': { wages: 13_999.99 } } });
		expect(checkStep(facts(ready(), { household: poor }), release, ctx)).toEqual([
			{ norm: 'CASE-RELEASE-BELOW-LINE', figures: { year: 2026, perCapita: 6999.99, line: 7000 } }
		]);
	});

	it('[CASE-RELEASE-UNSTABLE-INCOME] refused without income above the line for 6 months', () => {
		const c = { ...ready(), incomeChecks: { k1: { date: '2026-03-02', perCapita: 9000 } } };
		expect(checkStep(facts(c), release, ctx)).toEqual([
			{
				norm: 'CASE-RELEASE-UNSTABLE-INCOME',
				figures: { stableSince: '2026-03-02', required: '2026-03-01', months: 6 }
			}
		]);
		const dip = {
			...ready(),
			incomeChecks: {
				k1: { date: '2026-02-01', perCapita: 9000 },
				k2: { date: '2026-05-01', perCapita: 6999.99 },
				k3: { date: '2026-08-01', perCapita: 9000 }
			}
		};
		expect(norms(dip, release)).toEqual(['CASE-RELEASE-UNSTABLE-INCOME']);
	});

	it('[CASE-RELEASE-NO-MEASURE] refused with no measure received since identification', () => {
		const planned = plan({ m1: { type: 'industry', status: 'planned' } });
		expect(checkStep(facts(ready(), { plans: [planned] }), release, ctx)).toEqual([
			{
				norm: 'CASE-RELEASE-NO-MEASURE',
				figures: { identified: '2026-01-15', measures: 0, min: 1 }
			}
		]);
	});

	it('[CASE-RELEASE-NO-LABOUR] a household with no working-age labour is not released', () => {
		const old = household({
			members: { a: person({ birthDate: '1950-01-01' }), b: person({ labour: 'none' }) }
		});
		expect(norms(ready(), release, { household: old })).toEqual(['CASE-RELEASE-NO-LABOUR']);
	});

	it('[CASE-RELEASE-INSECURE] refused while 三保障 or water is not secure', () => {
		const kid = household({
			members: { a: person(), k: person({ birthDate: '2014-01-01', schooling: 'dropped_out' }) }
		});
		expect(checkStep(facts(ready(), { household: kid }), release, ctx)).toEqual([
			{ norm: 'CASE-RELEASE-INSECURE', figures: { areas: 'education' } }
		]);
	});

	it('a release meeting every norm passes, and several failures are all reported', () => {
		expect(norms(ready(), release)).toEqual([]);
		const old = household({
			members: { a: person({ birthDate: '1950-01-01' }) },
			housingGrade: 'D'
		});
		expect(norms(ready(), { ...release, date: '2026-05-01' }, { household: old })).toEqual([
			'CASE-EARLY-RELEASE',
			'CASE-RELEASE-UNSTABLE-INCOME',
			'CASE-RELEASE-NO-LABOUR',
			'CASE-RELEASE-INSECURE'
		]);
	});
});
