// School-side rules (docs/rules.md, scopes student and school), in the registry like every
// rule: one student's file, pairings in force, plans and latest contacts; or one school
// pairing and its activities. SchoolAlerts (services/school-alerts.svelte.ts) evaluates them
// over a workspace with `evaluateSchool`.
import { z } from 'zod';
import {
	OUT_OF_SCHOOL_STAGES,
	ageOn,
	monthOf,
	normProgress,
	parentsAway,
	sortedItems,
	termOf,
	worstGuardianship,
	type Plan,
	type Student
} from '$lib/domain';
import { defineRule } from './define';
import type { LastContacts, SchoolPairingFacts, StudentFacts } from './school-facts';

export type { LastContacts, SchoolPairingFacts, StudentFacts };

const leftBehind = (st: Student) => st.categories?.left_behind === true;

export const stuGuardPoor = defineRule({
	id: 'STU-GUARD-POOR',
	category: 'basic_living',
	scope: 'student',
	severity: 'high',
	settings: [],
	figures: z.object({}),
	evaluate(f, _ctx, report) {
		if (leftBehind(f.student) && worstGuardianship(f.student) === 'poor') report({ figures: {} });
	}
});

export const stuOutOfSchool = defineRule({
	id: 'STU-OUT-OF-SCHOOL',
	category: 'compulsory_education',
	scope: 'student',
	severity: 'high',
	settings: ['compulsoryAgeMin', 'compulsoryAgeMax'],
	figures: z.object({ age: z.number().int(), stage: z.string() }),
	evaluate(f, ctx, report) {
		const st = f.student;
		if (!st.birthDate || !st.stage || !OUT_OF_SCHOOL_STAGES.includes(st.stage)) return;
		const age = ageOn(st.birthDate, ctx.today);
		const s = ctx.settings;
		if (age >= s.compulsoryAgeMin && age <= s.compulsoryAgeMax)
			report({ figures: { age, stage: st.stage } });
	}
});

/** The cadences are the responsible teacher's: a student nobody adopted has none yet. */
const adopted = (f: StudentFacts) => f.teacherIds.length > 0;

export const stuTalkMonth = defineRule({
	id: 'STU-TALK-MONTH',
	category: 'cadence',
	scope: 'student',
	severity: 'medium',
	settings: ['studentTalksPerMonth', 'schoolHolidayMonths'],
	figures: z.object({ month: z.string(), lastTalk: z.string() }),
	evaluate(f, ctx, report) {
		const s = ctx.settings;
		const month = monthOf(ctx.today);
		if (!adopted(f) || s.studentTalksPerMonth <= 0) return;
		if (s.schoolHolidayMonths.includes(Number(ctx.today.slice(5, 7)))) return;
		if (f.last.talk && monthOf(f.last.talk) === month) return;
		report({ figures: { month, lastTalk: f.last.talk ?? '' } });
	}
});

export const stuHomeVisitTerm = defineRule({
	id: 'STU-HOMEVISIT-TERM',
	category: 'cadence',
	scope: 'student',
	severity: 'medium',
	settings: ['studentHomeVisitsPerTerm', 'springTermStartMonth', 'autumnTermStartMonth'],
	figures: z.object({ term: z.string(), lastHomeVisit: z.string() }),
	evaluate(f, ctx, report) {
		if (!adopted(f) || ctx.settings.studentHomeVisitsPerTerm <= 0) return;
		const term = termOf(ctx.today, ctx.settings);
		if (f.last.home_visit && f.last.home_visit >= term.start) return;
		report({ figures: { term: term.id, lastHomeVisit: f.last.home_visit ?? '' } });
	}
});

export const stuCallMonth = defineRule({
	id: 'STU-CALL-MONTH',
	category: 'cadence',
	scope: 'student',
	severity: 'low',
	settings: ['absentParentCallsPerMonth'],
	figures: z.object({ month: z.string(), lastCall: z.string() }),
	evaluate(f, ctx, report) {
		const month = monthOf(ctx.today);
		if (!adopted(f) || ctx.settings.absentParentCallsPerMonth <= 0) return;
		if (!leftBehind(f.student) && !parentsAway(f.student)) return;
		if (f.last.phone_call && monthOf(f.last.phone_call) === month) return;
		report({ figures: { month, lastCall: f.last.phone_call ?? '' } });
	}
});

/** Whether a plan is a struggling-student plan (its type, or its student's category). */
const struggling = (p: Plan, st: Student) =>
	p.planType ? p.planType === 'struggling' : st.categories?.struggling === true;
const live = (p: Plan) => !p.deletedAt && p.subjectKind === 'student';

export const planNoAssess = defineRule({
	id: 'PLAN-NO-ASSESS',
	category: 'cadence',
	scope: 'student',
	severity: 'medium',
	settings: ['planAssessmentsPerTerm', 'springTermStartMonth', 'autumnTermStartMonth'],
	figures: z.object({ term: z.string(), assessments: z.number().int() }),
	evaluate(f, ctx, report) {
		const need = ctx.settings.planAssessmentsPerTerm;
		const term = termOf(ctx.today, ctx.settings);
		for (const p of f.plans) {
			// A plan is for its year; last year's plan is not expected to keep being assessed.
			if (!live(p) || p.year !== ctx.year || !struggling(p, f.student) || need <= 0) continue;
			const n = sortedItems(p.assessments).filter(
				(a) => a.date >= term.start && a.date <= ctx.today
			).length;
			if (n < need)
				report({ figures: { term: term.id, assessments: n }, item: { kind: 'plan', id: p.id } });
		}
	}
});

export const planMeasureDue = defineRule({
	id: 'PLAN-MEASURE-DUE',
	category: 'cadence',
	scope: 'student',
	severity: 'medium',
	settings: [],
	figures: z.object({ count: z.number().int(), dueDate: z.string() }),
	evaluate(f, ctx, report) {
		for (const p of f.plans) {
			if (!live(p)) continue;
			const due = sortedItems(p.measures)
				.flatMap((m) =>
					m.dueDate && m.dueDate < ctx.today && m.status !== 'done' && m.status !== 'cancelled'
						? [m.dueDate]
						: []
				)
				.sort();
			if (due.length > 0)
				report({
					figures: { count: due.length, dueDate: due[0] ?? '' },
					item: { kind: 'plan', id: p.id }
				});
		}
	}
});

export const pairNorms = defineRule({
	id: 'PAIR-NORMS',
	category: 'cadence',
	scope: 'school',
	severity: 'medium',
	settings: [
		'principalVisitsPerTerm',
		'deptHeadVisitsPerTerm',
		'jointMeetingsPerTerm',
		'secondedManagersPerTerm',
		'springTermStartMonth',
		'autumnTermStartMonth'
	],
	figures: z.object({
		term: z.string(),
		behind: z.string(),
		principalVisits: z.string(),
		deptHeadVisits: z.string(),
		jointMeetings: z.string(),
		secondedManagers: z.string()
	}),
	evaluate(f, ctx, report) {
		const p = f.pairing;
		if (p.deletedAt || p.kind !== 'school_school') return;
		if ((p.startDate && p.startDate > ctx.today) || (p.endDate && p.endDate < ctx.today)) return;
		const { term, rows } = normProgress(p, f.activities, ctx.settings, ctx.today);
		const behind = rows.filter((r) => r.done < r.expected);
		if (behind.length === 0) return;
		const of = (norm: string) => {
			const r = rows.find((x) => x.norm === norm);
			return r ? `${r.done}/${r.required}` : '';
		};
		report({
			figures: {
				term: term.id,
				behind: behind.map((r) => r.norm).join(','),
				principalVisits: of('principalVisits'),
				deptHeadVisits: of('deptHeadVisits'),
				jointMeetings: of('jointMeetings'),
				secondedManagers: of('secondedManagers')
			}
		});
	}
});

export const SCHOOL_RULES = [
	stuGuardPoor,
	stuOutOfSchool,
	stuTalkMonth,
	stuHomeVisitTerm,
	stuCallMonth,
	planNoAssess,
	planMeasureDue,
	pairNorms
] as const;

export type SchoolRuleId = (typeof SCHOOL_RULES)[number]['id'];
export const SCHOOL_RULE_IDS: readonly SchoolRuleId[] = SCHOOL_RULES.map((r) => r.id);

/** A derived alert about a student, a student plan or a school pairing. Never stored. */
