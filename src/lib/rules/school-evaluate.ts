// Evaluating the school-side rules (school-rules.ts) over a workspace: one pass per student
// and per school pairing, each alert naming its rule and figures.
import type { Activity, Pairing, Plan, Student } from '$lib/domain';
import type { Finding, RuleDef } from './define';
import { prepare } from './facts';
import { SCHOOL_RULES, type SchoolRuleId } from './school-rules';
import type { LastContacts, StudentFacts } from './school-facts';
import type { AlertCategory, Prepared, RuleContext, Severity } from './types';

export interface SchoolAlert {
	ruleId: SchoolRuleId;
	category: AlertCategory;
	severity: Severity;
	subject: { kind: 'student' | 'plan' | 'pairing'; id: string };
	/** The student the alert belongs to (for a plan's alerts too), so a file lists its own. */
	studentId?: string;
	figures: Record<string, number | string>;
}

export interface SchoolRuleInput {
	students: Iterable<Student>;
	pairings: Iterable<Pairing>;
	plans: Iterable<Plan>;
	activities: Iterable<Activity>;
	lastContacts: ReadonlyMap<string, LastContacts>;
}

function run<S extends 'student' | 'school'>(
	rules: readonly RuleDef<string, S>[],
	facts: Parameters<RuleDef<string, S>['evaluate']>[0],
	ctx: Prepared,
	toAlert: (rule: RuleDef<string, S>, f: Finding<Record<string, number | string>>) => SchoolAlert,
	out: SchoolAlert[]
) {
	for (const rule of rules)
		rule.evaluate(facts, ctx, (f) =>
			out.push(toAlert(rule, f as Finding<Record<string, number | string>>))
		);
}

const STUDENT_RULES = SCHOOL_RULES.filter((r) => r.scope === 'student') as readonly RuleDef<
	SchoolRuleId,
	'student'
>[];
const SCHOOL_SCOPE_RULES = SCHOOL_RULES.filter((r) => r.scope === 'school') as readonly RuleDef<
	SchoolRuleId,
	'school'
>[];

/** Every school-side rule over a workspace. */
export function evaluateSchool(input: SchoolRuleInput, context: RuleContext): SchoolAlert[] {
	const ctx = prepare(context);
	const out: SchoolAlert[] = [];
	const teachers = new Map<string, string[]>();
	const schoolPairings: Pairing[] = [];
	for (const p of input.pairings) {
		if (p.kind === 'school_school') schoolPairings.push(p);
		if (p.kind !== 'member_student' || p.deletedAt) continue;
		if ((p.startDate && p.startDate > ctx.today) || (p.endDate && p.endDate < ctx.today)) continue;
		teachers.set(p.supportedId, [...(teachers.get(p.supportedId) ?? []), p.supporterId]);
	}
	const plans = new Map<string, Plan[]>();
	for (const p of input.plans)
		if (p.subjectKind === 'student') plans.set(p.subjectId, [...(plans.get(p.subjectId) ?? []), p]);
	for (const student of input.students) {
		if (student.deletedAt) continue;
		const facts: StudentFacts = {
			id: student.id,
			student,
			teacherIds: teachers.get(student.id) ?? [],
			plans: plans.get(student.id) ?? [],
			last: input.lastContacts.get(student.id) ?? {}
		};
		run(
			STUDENT_RULES,
			facts,
			ctx,
			(rule, f) => ({
				ruleId: rule.id as SchoolRuleId, // STUDENT_RULES holds school rules only
				category: rule.category,
				severity: f.severity ?? rule.severity,
				subject:
					f.item?.kind === 'plan'
						? { kind: 'plan', id: f.item.id }
						: { kind: 'student', id: student.id },
				studentId: student.id,
				figures: f.figures
			}),
			out
		);
	}
	const activities = [...input.activities];
	for (const pairing of schoolPairings)
		run(
			SCHOOL_SCOPE_RULES,
			{ id: pairing.supportedId, pairing, activities },
			ctx,
			(rule, f) => ({
				ruleId: rule.id as SchoolRuleId, // SCHOOL_SCOPE_RULES holds school rules only
				category: rule.category,
				severity: f.severity ?? rule.severity,
				subject: { kind: 'pairing', id: pairing.id },
				figures: f.figures
			}),
			out
		);
	return out;
}

/** Number of alerts per student (a plan's alerts count for its student). */
export function alertsPerStudent(alerts: Iterable<SchoolAlert>): Map<string, number> {
	const out = new Map<string, number>();
	for (const a of alerts) if (a.studentId) out.set(a.studentId, (out.get(a.studentId) ?? 0) + 1);
	return out;
}

/** Latest talk / home visit / call per student, from visits of any year. */
export function lastContactsOf(
	visits: Iterable<{
		kind: string;
		date: string;
		subjectKind: string;
		subjectId: string;
		deletedAt?: string;
	}>
): Map<string, LastContacts> {
	const out = new Map<string, LastContacts>();
	for (const v of visits) {
		if (v.deletedAt || v.subjectKind !== 'student') continue;
		if (v.kind !== 'talk' && v.kind !== 'home_visit' && v.kind !== 'phone_call') continue;
		const last = out.get(v.subjectId) ?? {};
		const prev = last[v.kind];
		if (!prev || prev < v.date) last[v.kind] = v.date;
		out.set(v.subjectId, last);
	}
	return out;
}
