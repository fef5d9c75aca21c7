// One evaluation of the registry's rules over one group's facts (a household with its cases,
// or the workspace's deadlines), and the rules' settings over their defaults. The engine
// (engine.ts) keeps the groups and re-runs only the one an edit touched.
import { DEFAULT_SETTINGS, type SettingsValues } from '$lib/domain';
import { prepare } from './facts';
import { rulesOf, type Alert } from './registry';
import type { Finding, RuleDef } from './define';
import type {
	AlertSubject,
	HouseholdFacts,
	Prepared,
	RuleContext,
	RuleScope,
	RuleSettings,
	ScopeFacts
} from './types';

/** Settings for the rules: stored values over the defaults. */
export function ruleSettings(settings: Partial<SettingsValues> = {}): RuleSettings {
	const out = { ...DEFAULT_SETTINGS };
	for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SettingsValues)[])
		if (settings[key] !== undefined) (out as Record<string, unknown>)[key] = settings[key];
	return out;
}

function run<S extends RuleScope>(
	scope: S,
	facts: ScopeFacts[S],
	ctx: Prepared,
	subject: AlertSubject,
	householdId: string | undefined,
	out: Alert[]
): void {
	for (const rule of rulesOf(scope) as RuleDef<Alert['ruleId'], S>[]) {
		rule.evaluate(facts, ctx, (f: Finding<unknown>) => {
			out.push({
				ruleId: rule.id,
				category: rule.category,
				severity: f.severity ?? rule.severity,
				scope,
				subject: f.subject ?? subject,
				...(householdId !== undefined ? { householdId } : {}),
				...(f.item ? { item: f.item } : {}),
				figures: f.figures
			} as Alert);
		});
	}
}

/** Runs every household and case rule over one household's facts. */
export function evaluateHousehold(f: HouseholdFacts, ctx: RuleContext): Alert[] {
	const out: Alert[] = [];
	if (f.household.deletedAt) return out;
	const p = prepare(ctx);
	const hid = f.household.id;
	run('household', f, p, { kind: 'household', id: hid }, hid, out);
	const cases = [...f.cases].sort((a, b) => (a.id < b.id ? -1 : 1));
	for (const c of cases) {
		if (c.deletedAt) continue;
		run('case', { ...f, case: c }, p, { kind: 'case', id: c.id }, hid, out);
	}
	return out;
}

/** Runs the workspace's deadline rules. */
export function evaluateWorkspace(f: ScopeFacts['workspace'], ctx: RuleContext): Alert[] {
	const out: Alert[] = [];
	run('workspace', f, prepare(ctx), { kind: 'workspace', id: 'workspace' }, undefined, out);
	return out;
}
