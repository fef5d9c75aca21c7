// Each test names the rule id it checks (docs/rules.md).
import { describe, expect, it } from 'vitest';
import type { CaseState, Household, HouseholdMember, MonitoringCase, Plan } from '$lib/domain';
import { RuleEngine, evaluateAll, evaluateHousehold, ruleSettings, visitCutoff } from './engine';
import { addDays, addMonths } from '$lib/domain';
import type { Alert, RuleContext } from './types';

const TODAY = '2026-11-29';
const meta = {
	createdAt: '2026-01-01T00:00:00Z',
	createdBy: 'tester',
	updatedAt: '2026-01-01T00:00:00Z',
	updatedBy: 'tester'
};
const ctx: RuleContext = {
	today: TODAY,
	settings: ruleSettings({ monitoringLines: { '2021': 6000, '2026': 7000 } })
};

function person(p: Partial<HouseholdMember> & { name?: string } = {}): HouseholdMember {
	return { name: '张三', birthDate: '1980-05-01', labour: 'ordinary', residentMedical: true, ...p };
}

function household(h: Partial<Household> = {}): Household {
	return {
		id: 'h1',
		...meta,
		headName: '张三',
		members: { a: person(), b: person({ name: '李四', relation: 'spouse' }) },
		incomes: { '2026': { wages: 40_000 } },
		housingGrade: 'A',
		...h
	};
}

function run(
	h: Household,
	more: { cases?: MonitoringCase[]; plans?: Plan[]; lastVisit?: string } = {}
) {
	return evaluateHousehold(
		{
			household: h,
			cases: more.cases ?? [],
			plans: more.plans ?? [],
			lastVisit: more.lastVisit ?? '2026-11-01'
		},
		ctx
	);
}
const ids = (alerts: Alert[]) => alerts.map((a) => a.ruleId).sort();

describe('rules', () => {
	it('a household with nothing wrong raises nothing', () => {
		expect(run(household())).toEqual([]);
	});

	it('[INC-LINE] per-capita net income below the year’s line, with the figures', () => {
		const alerts = run(
			household({ incomes: { '2026': { wages: 14_000, eligibleOutOfPocket: 2_000 } } })
		);
		expect(alerts).toEqual([
			expect.objectContaining({
				ruleId: 'INC-LINE',
				figures: { year: 2026, perCapita: 6000, line: 7000 }
			})
		]);
		// The line of the latest configured year applies to years without their own line.
		const older = run(household({ incomes: { '2024': { wages: 11_000 } } }));
		expect(older[0]?.figures).toMatchObject({ year: 2024, line: 6000, perCapita: 5500 });
	});

	it('[INC-DROP] a sudden drop year on year', () => {
		const alerts = run(
			household({ incomes: { '2025': { wages: 60_000 }, '2026': { wages: 40_000 } } })
		);
		expect(ids(alerts)).toEqual(['INC-DROP']);
		expect(alerts[0]?.figures).toMatchObject({ dropPercent: 33, before: 60_000, now: 40_000 });
		expect(
			ids(run(household({ incomes: { '2025': { wages: 50_000 }, '2026': { wages: 40_000 } } })))
		).toEqual([]);
	});

	it('[EXP-MEDICAL] medical spending this year over the line (lower for former poor)', () => {
		const exp = { e1: { kind: 'medical' as const, amount: 6_000, date: '2026-03-01' } };
		expect(ids(run(household({ expenses: exp })))).toEqual([]);
		expect(ids(run(household({ expenses: exp, exitYear: 2019 })))).toEqual(['EXP-MEDICAL']);
	});

	it('[LIV-ALONE] an elderly person living alone without 低保 or 特困', () => {
		const h = household({ members: { a: person({ birthDate: '1950-01-01', labour: 'weak' }) } });
		expect(ids(run(h))).toContain('LIV-ALONE');
		expect(ids(run({ ...h, policies: { dibao: true } }))).not.toContain('LIV-ALONE');
	});

	it('[LIV-CARE] a disabled person unable to work with nobody able to care', () => {
		const h = household({
			members: {
				a: person({ health: 'disabled', labour: 'none' }),
				b: person({ labour: 'lost' })
			}
		});
		expect(ids(run(h))).toContain('LIV-CARE');
		const withCarer = household({
			members: { a: person({ health: 'disabled', labour: 'none' }), b: person() }
		});
		expect(ids(run(withCarer))).not.toContain('LIV-CARE');
	});

	it('[EDU-OUT] a child aged 6–16 out of school, by age on today', () => {
		const kid = (birthDate: string) =>
			household({
				members: { a: person(), k: person({ name: '小明', birthDate, schooling: 'dropped_out' }) }
			});
		const alerts = run(kid('2012-06-01'));
		expect(alerts.find((a) => a.ruleId === 'EDU-OUT')).toMatchObject({
			subject: { kind: 'member', id: 'k' },
			figures: { age: 14 }
		});
		expect(ids(run(kid('2008-01-01')))).not.toContain('EDU-OUT'); // 18
		expect(ids(run(kid('2021-01-01')))).not.toContain('EDU-OUT'); // 5
	});

	it('[MED-UNINSURED] a member without basic medical insurance', () => {
		const h = household({ members: { a: person({ residentMedical: false }), b: person() } });
		expect(run(h).filter((a) => a.ruleId === 'MED-UNINSURED')).toHaveLength(1);
		const employee = household({
			members: { a: person({ residentMedical: false, employeeMedical: true }) }
		});
		expect(ids(run(employee))).not.toContain('MED-UNINSURED');
	});

	it('[WATER] water quantity, trip, cuts and quality against the settings', () => {
		expect(run(household({ waterLitresPerDay: 30 }))[0]?.figures).toEqual({ litres: 30 });
		expect(ids(run(household({ waterTripMinutes: 40, waterPiped: true })))).toEqual([]);
		expect(ids(run(household({ waterTripMinutes: 40 })))).toEqual(['WATER']);
		expect(ids(run(household({ waterCutDays: 40, waterQualityOk: false })))).toEqual(['WATER']);
	});

	it('[HOUSING] housing graded C or D', () => {
		expect(ids(run(household({ housingGrade: 'C' })))).toEqual(['HOUSING']);
		expect(ids(run(household({ housingGrade: 'B' })))).toEqual([]);
	});

	it('[LABOUR-DIBAO] no working-age labour and not on 低保', () => {
		const h = household({
			members: { a: person({ birthDate: '1950-01-01' }), b: person({ labour: 'lost' }) }
		});
		expect(ids(run(h))).toContain('LABOUR-DIBAO');
		expect(ids(run({ ...h, policies: { dibao: true } }))).not.toContain('LABOUR-DIBAO');
	});

	it('[ILLNESS-NO-OOP] risk type illness with no out-of-pocket spending', () => {
		expect(ids(run(household({ riskTypes: { illness: true } })))).toEqual(['ILLNESS-NO-OOP']);
		const withSpending = household({
			riskTypes: { illness: true },
			incomes: { '2026': { wages: 40_000, eligibleOutOfPocket: 800 } }
		});
		expect(ids(run(withSpending))).toEqual([]);
	});

	it('[VISIT-OVERDUE] no visit within the cadence (a quarter by default), or never', () => {
		expect(run(household(), { lastVisit: '2026-08-28' })[0]).toMatchObject({
			ruleId: 'VISIT-OVERDUE',
			figures: { lastVisit: '2026-08-28', dueDate: '2026-11-28' }
		});
		expect(ids(run(household(), { lastVisit: '2026-08-29' }))).toEqual([]);
		expect(
			evaluateHousehold(
				{ household: household(), cases: [], plans: [], lastVisit: undefined },
				ctx
			)[0]?.ruleId
		).toBe('VISIT-OVERDUE');
	});

	it('[VISIT-OVERDUE] agrees with "last visit + N months < today" at month ends', () => {
		const months = 3;
		for (const today of ['2026-05-31', '2026-03-31', '2027-02-28', '2028-02-29', '2026-12-01']) {
			const c = { ...ctx, today };
			for (let d = -200; d <= 0; d++) {
				const last = addDays(today, d);
				const overdue = addMonths(last, months) < today;
				const fired = evaluateHousehold(
					{ household: household(), cases: [], plans: [], lastVisit: last },
					c
				).some((a) => a.ruleId === 'VISIT-OVERDUE');
				expect(fired, `${last} → ${today}`).toBe(overdue);
			}
		}
		expect(visitCutoff('2026-05-31', 3)).toBe('2026-03-01');
	});

	describe('cases and plans', () => {
		const decision = (to: CaseState, date: string, extra = {}) => ({
			to,
			date,
			decidedBy: 'cadre',
			...extra
		});
		const kase = (decisions: MonitoringCase['decisions']): MonitoringCase => ({
			id: 'c1',
			...meta,
			householdId: 'h1',
			decisions
		});
		const plan = (measures: Plan['measures']): Plan => ({
			id: 'p1',
			...meta,
			subjectKind: 'household',
			subjectId: 'h1',
			year: 2026,
			measures
		});

		it('[CASE-SLOW-ID] a risk found more than 15 days ago and not yet identified', () => {
			const c = kase({ d1: decision('nominated', '2026-11-01') });
			expect(
				run(household(), { cases: [c] }).find((a) => a.ruleId === 'CASE-SLOW-ID')
			).toMatchObject({ severity: 'high', figures: { days: 28, limit: 15 } });
			expect(
				ids(run(household(), { cases: [kase({ d1: decision('nominated', '2026-11-20') })] }))
			).toEqual([]);
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
		});

		it('[CASE-EARLY-RELEASE] and [CASE-RELEASE-BELOW-LINE]', () => {
			const c = kase({
				d1: decision('alerted', '2026-03-01'),
				d2: decision('verified', '2026-03-05'),
				d3: decision('identified', '2026-03-10'),
				d4: decision('released', '2026-06-01', { releaseWay: 'through_help' })
			});
			const poor = household({ incomes: { '2026': { wages: 10_000 } } });
			const alerts = ids(run(poor, { cases: [c], plans: [plan({ m1: { type: 'industry' } })] }));
			expect(alerts).toEqual(['CASE-EARLY-RELEASE', 'CASE-RELEASE-BELOW-LINE', 'INC-LINE']);
		});

		it('[MEASURE-OVERDUE] measures past their due date and not done, one alert per household', () => {
			const p = plan({
				m1: { type: 'housing', dueDate: '2026-10-01', status: 'planned' },
				m2: { type: 'water', dueDate: '2026-09-01', status: 'in_progress' },
				m3: { type: 'water', dueDate: '2026-08-01', status: 'done' },
				m4: { type: 'industry', dueDate: '2027-01-01' }
			});
			expect(run(household(), { plans: [p] })).toEqual([
				expect.objectContaining({
					ruleId: 'MEASURE-OVERDUE',
					figures: { count: 2, dueDate: '2026-09-01' }
				})
			]);
		});
	});
});

describe('the engine', () => {
	it('re-evaluates only the household an edit touched, with the same result as a full run', () => {
		const households = [household({ id: 'h1' }), household({ id: 'h2', housingGrade: 'D' })];
		const input = {
			households,
			cases: [],
			plans: [],
			lastVisitByHousehold: new Map([
				['h1', '2026-11-01'],
				['h2', '2026-11-01']
			])
		};
		const engine = new RuleEngine(ctx);
		engine.load(input);
		expect(engine.alerts().map((a) => a.householdId)).toEqual(['h2']);
		const edited = household({ id: 'h1', housingGrade: 'C' });
		engine.updateHousehold('h1', edited);
		const full = evaluateAll({ ...input, households: [edited, households[1]!] }, ctx);
		expect(ids(engine.alerts())).toEqual(ids(full));
		engine.updateHousehold('h2', undefined);
		expect(engine.alerts().map((a) => a.householdId)).toEqual(['h1']);
	});

	it('ignores soft-deleted households', () => {
		expect(
			run(household({ housingGrade: 'D', deletedAt: '2026-02-01T00:00:00Z', deletedBy: 'x' }))
		).toEqual([]);
	});
});
