// The workspace settings screen's form, generated from the domain's settings schema and the
// rule registry, so a new setting or threshold can never be left off the screen: each key
// with its input kind, its national default and the rules that read it. Pure: no Svelte.
import type { z } from 'zod';
import {
	DEFAULT_SETTINGS,
	settingsValues,
	toIssues,
	type Issue,
	type SettingsValues
} from '$lib/domain';
import { RULES, type RuleId } from './registry';
import type { SettingKey } from './types';

export type SettingInputKind = 'number' | 'boolean' | 'numbers' | 'choices' | 'lines';

export interface SettingField {
	key: SettingKey;
	kind: SettingInputKind;
	/** The national or local default (DOMAIN.md's field norms). */
	default: unknown;
	/** The rules that read it, in registry order (none: a dashboard or procedure figure). */
	rules: RuleId[];
	/** For `choices`: the values that may be ticked. */
	choices?: readonly string[];
}

/** Not on the form: the time zone is the device's calendar, not a threshold of the norms. */
const OFF_FORM: ReadonlySet<SettingKey> = new Set(['timeZone']);

/** Pairs whose lower bound may not pass the upper one. */
export const RANGES: readonly [SettingKey, SettingKey][] = [
	['compulsoryAgeMin', 'compulsoryAgeMax'],
	['workingAgeMin', 'workingAgeMax'],
	['marginalIncomeMin', 'marginalIncomeMax']
];

/** Money settings (yuan): typed with fen at most, shown with the ¥ sign. */
export const MONEY_KEYS: ReadonlySet<SettingKey> = new Set([
	'marginalIncomeMin',
	'marginalIncomeMax',
	'targetIncomePerCapita',
	'medicalYtdFormerPoor',
	'medicalYtdOther',
	'medicalOutpatientMonthly',
	'medicalSingleStayFormerPoor',
	'medicalSingleStayOther',
	'disasterExpenseMin'
]);

type Def = { type?: string; innerType?: z.ZodType; element?: z.ZodType; entries?: object };
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** The schema of one key without its default. */
function inner(key: SettingKey): z.ZodType {
	const s = settingsValues.shape[key] as z.ZodType;
	const d = defOf(s);
	return d.type === 'default' && d.innerType ? d.innerType : s;
}

function kindOf(key: SettingKey): Pick<SettingField, 'kind' | 'choices'> {
	const value = DEFAULT_SETTINGS[key];
	if (typeof value === 'boolean') return { kind: 'boolean' };
	if (typeof value === 'number') return { kind: 'number' };
	if (Array.isArray(value)) {
		const el = defOf(inner(key)).element;
		const entries = el ? defOf(el).entries : undefined;
		return entries ? { kind: 'choices', choices: Object.keys(entries) } : { kind: 'numbers' };
	}
	return { kind: 'lines' };
}

export const SETTING_FIELDS: readonly SettingField[] = (
	Object.keys(settingsValues.shape) as SettingKey[]
)
	.filter((key) => !OFF_FORM.has(key))
	.map((key) => ({
		key,
		...kindOf(key),
		default: DEFAULT_SETTINGS[key],
		rules: RULES.filter((r) => (r.settings as readonly string[]).includes(key)).map((r) => r.id)
	}));

export type Parsed = { ok: true; value: unknown } | { ok: false; issues: Issue[] };

/**
 * Reads what was typed for one key: a number ("1,500" and full-width digits allowed), a list
 * of numbers ("60, 80, 100" or "60、80、100"), ticks, or a flag; checked with the schema.
 */
export function parseSetting(key: SettingKey, input: string | boolean | string[]): Parsed {
	const field = SETTING_FIELDS.find((f) => f.key === key);
	if (!field) return { ok: false, issues: [{ path: [key], code: 'unknown' }] };
	let value: unknown = input;
	if (field.kind === 'number') {
		const t = normalise(String(input));
		if (!t) return { ok: false, issues: [{ path: [key], code: 'required' }] };
		value = Number(t);
		if (Number.isNaN(value)) return { ok: false, issues: [{ path: [key], code: 'type.invalid' }] };
	} else if (field.kind === 'numbers') {
		const parts = normalise(String(input), false)
			.split(/[\s,，、;；]+/)
			.filter(Boolean);
		value = parts.map(Number);
		if (parts.some((p) => Number.isNaN(Number(p))))
			return { ok: false, issues: [{ path: [key], code: 'type.invalid' }] };
	}
	const r = inner(key).safeParse(value);
	if (!r.success)
		return { ok: false, issues: toIssues(r.error).map((i) => ({ ...i, path: [key] })) };
	return { ok: true, value: r.data };
}

/** A monitoring line typed for a year (yuan per person per year). */
export function parseLine(year: string, input: string): Parsed {
	if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2200)
		return { ok: false, issues: [{ path: ['monitoringLines', year], code: 'year.invalid' }] };
	const t = normalise(input);
	if (!t) return { ok: false, issues: [{ path: ['monitoringLines', year], code: 'required' }] };
	if (Number.isNaN(Number(t)))
		return { ok: false, issues: [{ path: ['monitoringLines', year], code: 'type.invalid' }] };
	const r = settingsValues.shape.monitoringLines.safeParse({ [year]: Number(t) });
	if (!r.success)
		return {
			ok: false,
			issues: toIssues(r.error).map((i) => ({ ...i, path: ['monitoringLines', year] }))
		};
	return { ok: true, value: Number(t) };
}

/** Cross-field checks of a whole set of values: a lower bound above its upper bound. */
export function settingsIssues(values: SettingsValues): Issue[] {
	const out: Issue[] = [];
	for (const [lo, hi] of RANGES)
		if ((values[lo] as number) > (values[hi] as number))
			out.push({ path: [lo], code: 'range.order' });
	return out;
}

/** Full-width digits to ASCII; thousands separators dropped unless commas separate a list. */
function normalise(text: string, thousands = true): string {
	const t = text
		.trim()
		.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/．/g, '.');
	return thousands ? t.replace(/(\d)[,，](?=\d{3}(\D|$))/g, '$1') : t;
}
