// Category 1 (income, expenses), the medical lines of category 6, and categories 3, 4, 9 from
// the visit checklist. Each test names the rule id it checks (docs/rules.md).
import { describe, expect, it } from 'vitest';
import { household, ids, person, run, visit, withSettings } from './test-data';

describe('income and expenses', () => {
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
				subject: { kind: 'household', id: 'h1' },
				householdId: 'h1',
				figures: { year: 2026, perCapita: 6000, line: 7000 }
			})
		]);
		// The line of the latest configured year applies to years without their own line.
		const older = run(household({ incomes: { '2024': { wages: 11_000 } } }));
		expect(older[0]?.figures).toMatchObject({ year: 2024, line: 6000, perCapita: 5500 });
	});

	it('[INC-LINE] one fen below the line fires, shown floored; exactly at the line does not', () => {
		// 3 members, 20,999.99 yuan: 6,999.996… per person, which rounding would show as 7,000.
		const three = { a: person(), b: person(), c: person() };
		const below = run(household({ members: three, incomes: { '2026': { wages: 20_999.99 } } }));
		expect(below[0]).toMatchObject({ ruleId: 'INC-LINE', figures: { perCapita: 6999.99 } });
		const at = run(household({ members: three, incomes: { '2026': { wages: 21_000 } } }));
		expect(ids(at)).toEqual([]);
		// Fen that floating point would lose: 0.1 + 0.2 per source still sums exactly.
		const fen = run(
			household({
				members: { a: person() },
				incomes: { '2026': { wages: 6999.9, business: 0.1, transfers: 0.01 } }
			})
		);
		expect(ids(fen)).toEqual([]);
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

	it('[INC-DROP] exactly the setting fires, a fen less does not; the stored setting is read', () => {
		const h = (now: number) =>
			household({ incomes: { '2025': { wages: 100_000 }, '2026': { wages: now } } });
		expect(ids(run(h(70_000)))).toEqual(['INC-DROP']);
		expect(ids(run(h(70_000.01)))).toEqual([]);
		expect(ids(run(h(70_000), { context: withSettings({ incomeDropPercent: 31 }) }))).toEqual([]);
	});

	it('[EXP-MEDICAL] hospital spending this year over the line (lower for former poor)', () => {
		const exp = { e1: { kind: 'medical' as const, amount: 6_000, date: '2026-03-01' } };
		expect(ids(run(household({ expenses: exp })))).toEqual([]);
		expect(ids(run(household({ expenses: exp, exitYear: 2019 })))).toEqual(['EXP-MEDICAL']);
	});

	it('[EXP-MEDICAL] a household "unstable after exit" without an exit year is former poor', () => {
		const exp = { e1: { kind: 'medical' as const, amount: 5_000, date: '2026-03-01' } };
		const h = household({ expenses: exp, type: 'unstable_after_exit' });
		expect(run(h)[0]).toMatchObject({ ruleId: 'EXP-MEDICAL', figures: { line: 5_000 } });
		expect(ids(run(household({ expenses: exp, type: 'marginal' })))).toEqual([]);
	});

	it('[EXP-OUTPATIENT] outpatient costs of 500 yuan in one month; 499.99 or split months do not', () => {
		const out = (a: number, b: number, month2 = '2026-10') =>
			household({
				expenses: {
					e1: { kind: 'medical', medicalKind: 'outpatient', amount: a, date: '2026-10-03' },
					e2: { kind: 'medical', medicalKind: 'outpatient', amount: b, date: `${month2}-20` }
				}
			});
		expect(run(out(300, 200))[0]).toMatchObject({
			ruleId: 'EXP-OUTPATIENT',
			figures: { month: '2026-10', amount: 500, line: 500 }
		});
		expect(ids(run(out(300, 199.99)))).toEqual([]);
		expect(ids(run(out(300, 200, '2026-09')))).toEqual([]);
	});

	it('[EXP-STAY] one stay over 10,000 out of pocket (6,000 for former poor); at the line not', () => {
		const stay = (amount: number) => ({
			e1: {
				kind: 'medical' as const,
				medicalKind: 'inpatient' as const,
				amount,
				date: '2026-05-01'
			}
		});
		expect(run(household({ expenses: stay(10_000.01) }))[0]).toMatchObject({
			ruleId: 'EXP-STAY',
			item: { kind: 'expense', id: 'e1' },
			figures: { amount: 10_000.01, line: 10_000 }
		});
		expect(ids(run(household({ expenses: stay(10_000) })))).toEqual([]);
		expect(ids(run(household({ expenses: stay(6_500), exitYear: 2020 })))).toContain('EXP-STAY');
		expect(ids(run(household({ expenses: stay(6_000), exitYear: 2020 })))).not.toContain(
			'EXP-STAY'
		);
	});
});

describe('from the visit checklist', () => {
	const checked = (findings: Record<string, boolean | number>, more = {}) =>
		run(household(), { visits: [visit('2026-11-01', { findings, ...more })] });

	it('[PROD-LOSS] a recent visit found production losses; a later "no" clears it', () => {
		expect(checked({ production_loss: true, production_loss_amount: 3000 })[0]).toMatchObject({
			ruleId: 'PROD-LOSS',
			item: { kind: 'visit', id: 'v-2026-11-01' },
			figures: { date: '2026-11-01', amount: 3000 }
		});
		const later = run(household(), {
			visits: [
				visit('2026-10-01', { findings: { production_loss: true } }),
				visit('2026-11-01', { findings: { production_loss: false } })
			]
		});
		expect(ids(later)).toEqual([]);
	});

	it('[PROD-LOSS] a phone call, a deleted visit or an answer older than the window does not count', () => {
		// The call is not a visit either: the household shows as never visited.
		expect(ids(checked({ production_loss: true }, { kind: 'phone_call' }))).toEqual([
			'VISIT-OVERDUE'
		]);
		expect(
			ids(checked({ production_loss: true }, { deletedAt: '2026-11-02T00:00:00Z', deletedBy: 'x' }))
		).not.toContain('PROD-LOSS');
		const old = run(household(), {
			visits: [visit('2026-08-01', { findings: { production_loss: true } }), visit('2026-11-01')]
		});
		expect(ids(old)).toEqual([]);
	});

	it('[IND-RETURNS] industry returns down by the setting (30 %) or answered yes; 29 % not', () => {
		expect(checked({ industry_returns_drop_percent: 30 })[0]).toMatchObject({
			ruleId: 'IND-RETURNS',
			figures: { dropPercent: 30 }
		});
		expect(ids(checked({ industry_returns_fall: true }))).toEqual(['IND-RETURNS']);
		expect(ids(checked({ industry_returns_drop_percent: 29 }))).toEqual([]);
	});

	it('[DISASTER] a disaster found on a visit, or a disaster expense in the last 12 months', () => {
		expect(ids(checked({ disaster: true }))).toEqual(['DISASTER']);
		const expense = (date: string) =>
			household({ expenses: { e1: { kind: 'disaster', amount: 8000, date } } });
		expect(run(expense('2026-02-01'))[0]).toMatchObject({
			ruleId: 'DISASTER',
			figures: { date: '2026-02-01', amount: 8000 }
		});
		expect(ids(run(expense('2025-11-28')))).toEqual([]);
		const min = withSettings({ disasterExpenseMin: 8000.01 });
		expect(ids(run(expense('2026-02-01'), { context: min }))).toEqual([]);
		expect(ids(checked({ disaster: false }))).toEqual([]);
	});
});
