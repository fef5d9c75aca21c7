// Categories 2, 5–8, 10, the household data-quality checks and the cadences of a paired
// household. Each test names the rule id it checks (docs/rules.md).
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '$lib/domain';
import { evaluateHousehold, visitCutoff } from './engine';
import { ctx, household, ids, pairing, person, plan, run, visit, withSettings } from './test-data';

describe('basic living and special households', () => {
	it('[LIV-ALONE] an elderly person living alone without 低保 or 特困', () => {
		const h = household({ members: { a: person({ birthDate: '1950-01-01', labour: 'weak' }) } });
		expect(ids(run(h))).toContain('LIV-ALONE');
		expect(ids(run({ ...h, policies: { dibao: true } }))).not.toContain('LIV-ALONE');
		const younger = household({ members: { a: person({ birthDate: '1961-11-30' }) } });
		expect(ids(run(younger))).not.toContain('LIV-ALONE'); // 64 until tomorrow
	});

	it('[LIV-CARE] a disabled person unable to work with nobody able to care', () => {
		const h = household({
			members: { a: person({ health: 'disabled', labour: 'none' }), b: person({ labour: 'lost' }) }
		});
		expect(ids(run(h))).toContain('LIV-CARE');
		const withCarer = household({
			members: { a: person({ health: 'disabled', labour: 'none' }), b: person() }
		});
		expect(ids(run(withCarer))).not.toContain('LIV-CARE');
	});

	it('[LIV-ORPHAN] minors with no adult in the household, not in 特困 support', () => {
		const kids = household({
			members: {
				a: person({ birthDate: '2010-01-01', schooling: 'junior' }),
				b: person({ birthDate: '2012-01-01', schooling: 'primary' })
			},
			policies: { dibao: true }
		});
		expect(run(kids).filter((a) => a.ruleId === 'LIV-ORPHAN')).toHaveLength(2);
		const withAdult = household({
			members: { a: person({ birthDate: '2008-11-29' }), b: person({ birthDate: '2012-01-01' }) },
			policies: { dibao: true }
		});
		expect(ids(run(withAdult))).not.toContain('LIV-ORPHAN'); // 18 today
		expect(ids(run({ ...kids, policies: { tekun: true } }))).not.toContain('LIV-ORPHAN');
	});

	it('[LIV-FOOD] the latest visit found food or clothing not secure', () => {
		const v = (food: boolean) => [visit('2026-11-01', { findings: { food_clothing: food } })];
		expect(run(household(), { visits: v(true) })[0]).toMatchObject({
			ruleId: 'LIV-FOOD',
			figures: { date: '2026-11-01' }
		});
		expect(ids(run(household(), { visits: v(false) }))).toEqual([]);
	});

	it('[LABOUR-DIBAO] no working-age labour and not on 低保', () => {
		const h = household({
			members: { a: person({ birthDate: '1950-01-01' }), b: person({ labour: 'lost' }) }
		});
		expect(ids(run(h))).toContain('LABOUR-DIBAO');
		expect(ids(run({ ...h, policies: { dibao: true } }))).not.toContain('LABOUR-DIBAO');
		// The working age is a setting: at 61 the first member still works when it is 16–65.
		const wider = withSettings({ workingAgeMax: 76 });
		expect(ids(run(h, { context: wider }))).not.toContain('LABOUR-DIBAO');
	});
});

describe('三保障 and water', () => {
	it('[EDU-OUT] a child aged 6–16 out of school, by age on today', () => {
		const kid = (birthDate: string) =>
			household({
				members: { a: person(), k: person({ name: '小明', birthDate, schooling: 'dropped_out' }) }
			});
		expect(run(kid('2012-06-01')).find((a) => a.ruleId === 'EDU-OUT')).toMatchObject({
			item: { kind: 'member', id: 'k' },
			figures: { age: 14 }
		});
		expect(ids(run(kid('2008-01-01')))).not.toContain('EDU-OUT'); // 18
		expect(ids(run(kid('2021-01-01')))).not.toContain('EDU-OUT'); // 5
	});

	it('[MED-UNINSURED] a member without basic medical insurance and no health measure', () => {
		const h = household({ members: { a: person({ residentMedical: false }), b: person() } });
		expect(run(h).filter((a) => a.ruleId === 'MED-UNINSURED')).toHaveLength(1);
		const employee = household({
			members: { a: person({ residentMedical: false, employeeMedical: true }) }
		});
		expect(ids(run(employee))).not.toContain('MED-UNINSURED');
		const followed = plan({ m1: { type: 'insurance', status: 'planned' } });
		expect(ids(run(h, { plans: [followed] }))).not.toContain('MED-UNINSURED');
	});

	it('[MED-NO-SERIOUS] insured but recorded without serious-illness cover', () => {
		const h = (seriousIllness?: boolean) =>
			household({ members: { a: person({ seriousIllness }), b: person() } });
		expect(ids(run(h(false)))).toEqual(['MED-NO-SERIOUS']);
		expect(ids(run(h(true)))).toEqual([]);
		expect(ids(run(h(undefined)))).toEqual([]);
	});

	it('[MED-NO-ASSIST] a seriously ill member of a monitored household without medical assistance', () => {
		const h = (type: 'marginal' | 'stable') =>
			household({
				type,
				members: { a: person({ health: 'serious', medicalAssistance: false }), b: person() }
			});
		expect(ids(run(h('marginal')))).toEqual(['MED-NO-ASSIST']);
		expect(ids(run(h('stable')))).toEqual([]);
	});

	it('[WATER] water quantity, trip, cuts and quality against the settings', () => {
		expect(run(household({ waterLitresPerDay: 30 }))[0]?.figures).toEqual({ litres: 30 });
		expect(ids(run(household({ waterLitresPerDay: 35 })))).toEqual([]);
		expect(ids(run(household({ waterTripMinutes: 40, waterPiped: true })))).toEqual([]);
		expect(ids(run(household({ waterTripMinutes: 40 })))).toEqual(['WATER']);
		expect(ids(run(household({ waterCutDays: 40, waterQualityOk: false })))).toEqual(['WATER']);
	});

	it('[HOUSING] housing graded C or D', () => {
		expect(ids(run(household({ housingGrade: 'C' })))).toEqual(['HOUSING']);
		expect(ids(run(household({ housingGrade: 'B' })))).toEqual([]);
	});

	it('[ILLNESS-NO-OOP] risk type illness with no out-of-pocket spending', () => {
		expect(ids(run(household({ riskTypes: { illness: true } })))).toEqual(['ILLNESS-NO-OOP']);
		const withSpending = household({
			riskTypes: { illness: true },
			incomes: { '2026': { wages: 40_000, eligibleOutOfPocket: 800 } }
		});
		expect(ids(run(withSpending))).toEqual([]);
	});
});

describe('cadences', () => {
	it('[VISIT-OVERDUE] no visit within the cadence (a quarter by default), or never', () => {
		expect(run(household(), { lastVisit: '2026-08-28' })[0]).toMatchObject({
			ruleId: 'VISIT-OVERDUE',
			figures: { lastVisit: '2026-08-28', dueDate: '2026-11-28' }
		});
		expect(ids(run(household(), { lastVisit: '2026-08-29' }))).toEqual([]);
		expect(run(household(), { lastVisit: undefined })[0]?.ruleId).toBe('VISIT-OVERDUE');
	});

	it('[VISIT-OVERDUE] only contacts that met the household count, and deleted ones never', () => {
		const call = visit('2026-11-20', { id: 'call', kind: 'phone_call' });
		const met = visit('2026-06-01');
		expect(run(household(), { visits: [call, met] })[0]).toMatchObject({
			ruleId: 'VISIT-OVERDUE',
			figures: { lastVisit: '2026-06-01' }
		});
		const deleted = visit('2026-11-20', { deletedAt: '2026-11-21T00:00:00Z', deletedBy: 'x' });
		expect(ids(run(household(), { visits: [deleted, met] }))).toEqual(['VISIT-OVERDUE']);
		// A workspace that counts calls says so in its settings.
		const calls = withSettings({ visitKindsCounted: ['visit', 'home_visit', 'phone_call'] });
		expect(ids(run(household(), { visits: [call, met], context: calls }))).toEqual([]);
	});

	it('[VISIT-OVERDUE] a pairing’s own cadence overrides the setting', () => {
		const monthly = pairing({ visitEveryMonths: 1 });
		expect(ids(run(household(), { lastVisit: '2026-10-15', pairings: [monthly] }))).toContain(
			'VISIT-OVERDUE'
		);
		const ended = pairing({ visitEveryMonths: 1, endDate: '2026-06-30' });
		expect(ids(run(household(), { lastVisit: '2026-10-15', pairings: [ended] }))).toEqual([]);
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
		const deleted = { ...p, deletedAt: '2026-11-01T00:00:00Z', deletedBy: 'x' };
		expect(ids(run(household(), { plans: [deleted] }))).toEqual([]);
	});

	it('[PLAN-MISSING] a paired household with no plan for the year after January', () => {
		const paired = { pairings: [pairing()] };
		expect(run(household(), paired)[0]).toMatchObject({
			ruleId: 'PLAN-MISSING',
			figures: { year: 2026, dueDate: '2026-02-01' }
		});
		expect(ids(run(household(), { ...paired, plans: [plan({})] }))).toEqual([]);
		expect(ids(run(household(), { ...paired, plans: [plan({}, { year: 2025 })] }))).toEqual([
			'PLAN-MISSING'
		]);
		const january = { ...paired, context: { ...ctx, today: '2026-02-01' } };
		expect(ids(run(household(), { ...january, lastVisit: '2026-01-20' }))).toEqual([]);
		expect(ids(run(household()))).toEqual([]); // nobody paired
	});
});
