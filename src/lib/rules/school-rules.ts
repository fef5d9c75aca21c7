// School-side rules (docs/rules.md, "School"): pure functions over one student's file, its
// pairings, plans and latest contacts, and over one school pairing's activities. Each pushes
// at most one alert per rule and subject, with the figures that fired it.
import {
	OUT_OF_SCHOOL_STAGES,
	ageOn,
	monthOf,
	normProgress,
	parentsAway,
	sortedItems,
	termOf,
	worstGuardianship,
	type Activity,
	type IsoDate,
	type Pairing,
	type Plan,
	type Student
} from '$lib/domain';
import type { RuleContext } from './types';

export const SCHOOL_RULE_IDS = [
	'STU-GUARD-POOR',
	'STU-TALK-MONTH',
	'STU-HOMEVISIT-TERM',
	'STU-CALL-MONTH',
	'STU-OUT-OF-SCHOOL',
	'PLAN-NO-ASSESS',
	'PLAN-MEASURE-DUE',
	'PAIR-NORMS'
] as const;
export type SchoolRuleId = (typeof SCHOOL_RULE_IDS)[number];

/** A derived alert about a student, a student plan or a school pairing. Never stored. */
export interface SchoolAlert {
	ruleId: SchoolRuleId;
	category: 'basic_living' | 'compulsory_education' | 'cadence' | 'data_quality';
	severity: 'high' | 'medium' | 'low';
	subject: { kind: 'student' | 'plan' | 'pairing'; id: string };
	/** The student the alert belongs to (for a plan's alerts too), so a file lists its own. */
	studentId?: string;
	figures: Record<string, number | string>;
}

/** Latest contact of each kind with one student, from whichever year shard holds it. */
export interface LastContacts {
	talk?: IsoDate;
	home_visit?: IsoDate;
	phone_call?: IsoDate;
}

export interface StudentFacts {
	student: Student;
	/** Members responsible for the student today (active member ↔ student pairings). */
	teacherIds: readonly string[];
	plans: readonly Plan[];
	last: LastContacts;
}

/** Rules over one student's file, pairings, plans and contacts. */
export function studentRules(f: StudentFacts, ctx: RuleContext, out: SchoolAlert[]): void {
	const st = f.student;
	if (st.deletedAt) return;
	const s = ctx.settings;
	const today = ctx.today;
	const subject = { kind: 'student', id: st.id } as const;
	const base = { subject, studentId: st.id };
	const leftBehind = st.categories?.left_behind === true;

	if (leftBehind && worstGuardianship(st) === 'poor')
		out.push({
			...base,
			ruleId: 'STU-GUARD-POOR',
			category: 'basic_living',
			severity: 'high',
			figures: {}
		});

	if (st.birthDate && st.stage && OUT_OF_SCHOOL_STAGES.includes(st.stage)) {
		const age = ageOn(st.birthDate, today);
		if (age >= s.compulsoryAgeMin && age <= s.compulsoryAgeMax)
			out.push({
				...base,
				ruleId: 'STU-OUT-OF-SCHOOL',
				category: 'compulsory_education',
				severity: 'high',
				figures: { age, stage: st.stage }
			});
	}

	// The cadences are the responsible teacher's: a student nobody adopted has none yet.
	if (f.teacherIds.length > 0) {
		const month = monthOf(today);
		const holiday = s.schoolHolidayMonths.includes(Number(today.slice(5, 7)));
		if (s.studentTalksPerMonth > 0 && !holiday && !(f.last.talk && monthOf(f.last.talk) === month))
			out.push({
				...base,
				ruleId: 'STU-TALK-MONTH',
				category: 'cadence',
				severity: 'medium',
				figures: { month, lastTalk: f.last.talk ?? '' }
			});
		const term = termOf(today, s);
		if (s.studentHomeVisitsPerTerm > 0 && !(f.last.home_visit && f.last.home_visit >= term.start))
			out.push({
				...base,
				ruleId: 'STU-HOMEVISIT-TERM',
				category: 'cadence',
				severity: 'medium',
				figures: { term: term.id, lastHomeVisit: f.last.home_visit ?? '' }
			});
		if (
			s.absentParentCallsPerMonth > 0 &&
			(leftBehind || parentsAway(st)) &&
			!(f.last.phone_call && monthOf(f.last.phone_call) === month)
		)
			out.push({
				...base,
				ruleId: 'STU-CALL-MONTH',
				category: 'cadence',
				severity: 'low',
				figures: { month, lastCall: f.last.phone_call ?? '' }
			});
	}

	for (const p of f.plans) planRules(p, st, ctx, out);
}

/** Whether a plan is a struggling-student plan (its type, or its student's category). */
function struggling(p: Plan, st: Student | undefined): boolean {
	return p.planType ? p.planType === 'struggling' : st?.categories?.struggling === true;
}

/** Rules over one student plan: assessments this term and measures past due. */
export function planRules(
	p: Plan,
	st: Student | undefined,
	ctx: RuleContext,
	out: SchoolAlert[]
): void {
	if (p.deletedAt || p.subjectKind !== 'student') return;
	const subject = { kind: 'plan', id: p.id } as const;
	const base = { subject, studentId: p.subjectId };
	const today = ctx.today;
	// A plan is for its year; last year's plan is not expected to keep being assessed.
	const current = p.year === Number(today.slice(0, 4));
	if (current && struggling(p, st) && ctx.settings.planAssessmentsPerTerm > 0) {
		const term = termOf(today, ctx.settings);
		const inTerm = sortedItems(p.assessments).filter(
			(a) => a.date >= term.start && a.date <= today
		);
		if (inTerm.length < ctx.settings.planAssessmentsPerTerm)
			out.push({
				...base,
				ruleId: 'PLAN-NO-ASSESS',
				category: 'cadence',
				severity: 'medium',
				figures: { term: term.id, assessments: inTerm.length }
			});
	}
	const due = sortedItems(p.measures)
		.filter(
			(m) => m.dueDate && m.dueDate < today && m.status !== 'done' && m.status !== 'cancelled'
		)
		.map((m) => m.dueDate as string) // filtered on dueDate above
		.sort();
	if (due.length > 0)
		out.push({
			...base,
			ruleId: 'PLAN-MEASURE-DUE',
			category: 'cadence',
			severity: 'medium',
			figures: { count: due.length, dueDate: due[0] ?? '' }
		});
}

/** Agreement norms behind for the term: fewer done than an even pace would have by today. */
export function pairingRules(
	p: Pairing,
	activities: Iterable<Activity>,
	ctx: RuleContext,
	out: SchoolAlert[]
): void {
	if (p.deletedAt || p.kind !== 'school_school') return;
	if (p.startDate && p.startDate > ctx.today) return;
	if (p.endDate && p.endDate < ctx.today) return;
	const { term, rows } = normProgress(p, activities, ctx.settings, ctx.today);
	const behind = rows.filter((r) => r.done < r.expected);
	if (behind.length === 0) return;
	out.push({
		ruleId: 'PAIR-NORMS',
		category: 'cadence',
		severity: 'medium',
		subject: { kind: 'pairing', id: p.id },
		figures: {
			term: term.id,
			behind: behind.map((r) => r.norm).join(','),
			...Object.fromEntries(behind.map((r) => [r.norm, `${r.done}/${r.required}`]))
		}
	});
}

export interface SchoolRuleInput {
	students: Iterable<Student>;
	pairings: Iterable<Pairing>;
	plans: Iterable<Plan>;
	activities: Iterable<Activity>;
	lastContacts: ReadonlyMap<string, LastContacts>;
}

/** Every school-side rule over a workspace. */
export function evaluateSchool(input: SchoolRuleInput, ctx: RuleContext): SchoolAlert[] {
	const out: SchoolAlert[] = [];
	const teachers = new Map<string, string[]>();
	const schoolPairings: Pairing[] = [];
	for (const p of input.pairings) {
		if (p.kind === 'school_school') schoolPairings.push(p);
		if (p.kind !== 'member_student' || p.deletedAt) continue;
		if (p.startDate && p.startDate > ctx.today) continue;
		if (p.endDate && p.endDate < ctx.today) continue;
		const list = teachers.get(p.supportedId) ?? [];
		list.push(p.supporterId);
		teachers.set(p.supportedId, list);
	}
	const plans = new Map<string, Plan[]>();
	for (const p of input.plans) {
		if (p.subjectKind !== 'student') continue;
		const list = plans.get(p.subjectId) ?? [];
		list.push(p);
		plans.set(p.subjectId, list);
	}
	for (const student of input.students)
		studentRules(
			{
				student,
				teacherIds: teachers.get(student.id) ?? [],
				plans: plans.get(student.id) ?? [],
				last: input.lastContacts.get(student.id) ?? {}
			},
			ctx,
			out
		);
	const activities = [...input.activities];
	for (const p of schoolPairings) pairingRules(p, activities, ctx, out);
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
		if (!last[v.kind] || last[v.kind]! < v.date) last[v.kind] = v.date;
		out.set(v.subjectId, last);
	}
	return out;
}
