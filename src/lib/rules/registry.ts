// The rule registry: every rule with its id, category, scope, settings, figures and
// evaluation. docs/rules.md describes each id and the tests name the ids they check
// (registry.test.ts proves the three agree). To add a rule: define it beside its kin
// (household/*, case-rules, workspace-rules, or a student/school file), list it here,
// give it a line in ui/alerts.ts and both message files, a row in docs/rules.md, and a
// firing and a near-miss test named "[ID] …".
import type { z } from 'zod';
import * as caseRules from './case-rules';
import { expMedical, expOutpatient, expStay, incDrop, incLine } from './household/income';
import { labourDibao, livAlone, livCare, livFood, livOrphan } from './household/living';
import {
	eduOut,
	housing,
	illnessNoOop,
	medNoAssist,
	medNoSerious,
	medUninsured,
	water
} from './household/security';
import { disaster, indReturns, prodLoss } from './household/events';
import { measureOverdue, planMissing, visitOverdue } from './household/cadence';
import { dueLedger, dueLiaison, dueQuarterly, dueTownshipCheck } from './workspace-rules';
import { SCHOOL_RULES } from './school-rules';
import type { RuleDef } from './define';
import type { AlertCategory, AlertItem, AlertSubject, RuleScope, Severity } from './types';

export const RULES = [
	incLine,
	incDrop,
	expMedical,
	expOutpatient,
	expStay,
	livAlone,
	livCare,
	livOrphan,
	livFood,
	prodLoss,
	indReturns,
	eduOut,
	medUninsured,
	medNoSerious,
	medNoAssist,
	water,
	housing,
	disaster,
	labourDibao,
	illnessNoOop,
	visitOverdue,
	measureOverdue,
	planMissing,
	caseRules.caseSlowId,
	caseRules.casePostingShort,
	caseRules.caseNoMeasure,
	caseRules.caseEarlyRelease,
	caseRules.caseReleaseBelowLine,
	caseRules.caseReleaseUnstableIncome,
	caseRules.caseReleaseNoMeasure,
	caseRules.caseReleaseNoLabour,
	caseRules.caseReleaseInsecure,
	dueLedger,
	dueQuarterly,
	dueTownshipCheck,
	dueLiaison,
	...SCHOOL_RULES
] as const;

type AnyRule = (typeof RULES)[number];
export type RuleId = AnyRule['id'];
export type RuleOf<Id extends RuleId> = Extract<AnyRule, { id: Id }>;
export type FiguresOf<Id extends RuleId> = z.output<RuleOf<Id>['figures']>;

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

const BY_ID = new Map<string, AnyRule>(RULES.map((r) => [r.id, r]));
export function ruleById<Id extends RuleId>(id: Id): RuleOf<Id> {
	return BY_ID.get(id) as RuleOf<Id>;
}
export function isRuleId(id: string): id is RuleId {
	return BY_ID.has(id);
}

/** The rules of one scope, in registry order. */
const BY_SCOPE = new Map<RuleScope, AnyRule[]>();
for (const r of RULES) BY_SCOPE.set(r.scope, [...(BY_SCOPE.get(r.scope) ?? []), r]);
export function rulesOf<S extends RuleScope>(scope: S): readonly RuleDef<RuleId, S>[] {
	return (BY_SCOPE.get(scope) ?? []) as unknown as RuleDef<RuleId, S>[];
}

/**
 * A derived alert: never stored, recomputed from records, settings and today's date. It names
 * the rule that fired, the record it is about and the figures that fired it, so the UI can
 * say why in one line. `householdId` is set when the subject belongs to a household (the
 * household itself or one of its cases), for the screens that group alerts by household.
 */
export type Alert = {
	[Id in RuleId]: {
		ruleId: Id;
		category: AlertCategory;
		severity: Severity;
		scope: RuleScope;
		subject: AlertSubject;
		householdId?: string;
		item?: AlertItem;
		figures: FiguresOf<Id>;
	};
}[RuleId];
