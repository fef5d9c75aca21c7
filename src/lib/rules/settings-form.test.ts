import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsValues } from '$lib/domain';
import { RULES } from './registry';
import { parseLine, parseSetting, SETTING_FIELDS, settingsIssues } from './settings-form';

describe('workspace settings form', () => {
	it('lists every setting of the schema but the time zone, and every setting a rule reads', () => {
		const keys = SETTING_FIELDS.map((f) => f.key);
		expect(keys.length).toBe(Object.keys(settingsValues.shape).length - 1);
		for (const r of RULES) for (const s of r.settings) expect(keys).toContain(s);
	});

	it('knows each input kind, the default and the rules that read it', () => {
		const f = (k: string) => SETTING_FIELDS.find((x) => x.key === k)!;
		expect(f('incomeDropPercent')).toMatchObject({
			kind: 'number',
			default: 30,
			rules: ['INC-DROP']
		});
		expect(f('dryArea').kind).toBe('boolean');
		expect(f('monitoringLines')).toMatchObject({
			kind: 'lines',
			rules: expect.arrayContaining(['INC-LINE'])
		});
		expect(f('visitKindsCounted')).toMatchObject({
			kind: 'choices',
			choices: ['visit', 'home_visit', 'talk', 'phone_call'],
			default: ['visit', 'home_visit']
		});
		expect(f('safeHousingGrades').choices).toEqual(['A', 'B', 'C', 'D']);
		expect(f('exitTargetPercents')).toMatchObject({ kind: 'numbers', default: [60, 80, 100] });
		expect(f('targetIncomePerCapita').rules).toEqual([]);
	});

	it('reads numbers as people type them and refuses what the schema refuses, with a code', () => {
		expect(parseSetting('medicalYtdOther', '20,000')).toEqual({ ok: true, value: 20000 });
		expect(parseSetting('medicalYtdOther', '１５００')).toEqual({ ok: true, value: 1500 });
		expect(parseSetting('medicalYtdOther', '12.345')).toMatchObject({
			ok: false,
			issues: [{ code: 'money.fen' }]
		});
		expect(parseSetting('medicalYtdOther', '-1')).toMatchObject({
			ok: false,
			issues: [{ code: 'amount.negative' }]
		});
		expect(parseSetting('incomeDropPercent', '130')).toMatchObject({
			ok: false,
			issues: [{ code: 'percent.range' }]
		});
		expect(parseSetting('householdVisitEveryMonths', '1.5')).toMatchObject({
			ok: false,
			issues: [{ code: 'number.not_integer', path: ['householdVisitEveryMonths'] }]
		});
		expect(parseSetting('householdVisitEveryMonths', '')).toMatchObject({
			ok: false,
			issues: [{ code: 'required' }]
		});
		expect(parseSetting('householdVisitEveryMonths', 'abc')).toMatchObject({
			ok: false,
			issues: [{ code: 'type.invalid' }]
		});
		expect(parseSetting('exitTargetPercents', '50、75，100')).toEqual({
			ok: true,
			value: [50, 75, 100]
		});
		expect(parseSetting('exitTargetPercents', '50, 75').ok).toBe(false);
		expect(parseSetting('visitKindsCounted', ['visit', 'phone_call'])).toEqual({
			ok: true,
			value: ['visit', 'phone_call']
		});
	});

	it('monitoring lines per year', () => {
		expect(parseLine('2025', '8,700')).toEqual({ ok: true, value: 8700 });
		expect(parseLine('25', '8700')).toMatchObject({
			ok: false,
			issues: [{ code: 'year.invalid' }]
		});
		expect(parseLine('2025', '-5')).toMatchObject({
			ok: false,
			issues: [{ code: 'amount.negative' }]
		});
	});

	it('a lower bound above its upper bound is refused', () => {
		expect(settingsIssues(DEFAULT_SETTINGS)).toEqual([]);
		expect(settingsIssues({ ...DEFAULT_SETTINGS, workingAgeMin: 70 })).toEqual([
			{ path: ['workingAgeMin'], code: 'range.order' }
		]);
	});
});
