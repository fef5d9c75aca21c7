// Each test names the rule id it checks (docs/rules.md, "School"): one firing, one near miss.
import { describe, expect, it } from 'vitest';
import type { Activity, Pairing, Plan, Student } from '$lib/domain';
import { ruleSettings } from './engine';
import {
	evaluateSchool,
	lastContactsOf,
	type SchoolAlert,
	type SchoolRuleInput
} from './school-evaluate';
import type { LastContacts } from './school-facts';
import type { RuleContext } from './types';

const meta = {
	createdAt: '2026-01-01T00:00:00Z',
	createdBy: 't',
	updatedAt: '2026-01-01T00:00:00Z',
	updatedBy: 't'
};
/** A school day in the autumn term (term 2026-09-01 … 2027-01-31). */
const TODAY = '2026-11-20';
const ctxOn = (today: string): RuleContext => ({ today, settings: ruleSettings() });
const ctx = ctxOn(TODAY);

/** Everything on time this month and term: the baseline raises nothing. */
const onTime: LastContacts = {
	talk: '2026-11-03',
	home_visit: '2026-10-10',
	phone_call: '2026-11-02'
};

function student(s: Partial<Student> = {}): Student {
	return { id: 'u1', ...meta, name: '李小明', birthDate: '2015-03-04', stage: 'primary', ...s };
}
const adopt: Pairing = {
	id: 'p1',
	...meta,
	kind: 'member_student',
	supporterId: 't1',
	supportedId: 'u1',
	startDate: '2025-09-01'
};

function run(
	s: Partial<Student> = {},
	more: Partial<SchoolRuleInput> & { last?: LastContacts; today?: string } = {}
): SchoolAlert[] {
	return evaluateSchool(
		{
			students: [student(s)],
			pairings: more.pairings ?? [adopt],
			plans: more.plans ?? [],
			activities: more.activities ?? [],
			lastContacts: new Map([['u1', more.last ?? onTime]])
		},
		more.today ? ctxOn(more.today) : ctx
	);
}
const ids = (a: SchoolAlert[]) => a.map((x) => x.ruleId).sort();

describe('school rules', () => {
	it('a student with everything on time raises nothing', () => {
		expect(run({ categories: { left_behind: true }, guardianshipRating: 'fair' })).toEqual([]);
	});

	it('[STU-GUARD-POOR] fires for a left-behind child rated poor (file or any guardian)', () => {
		expect(ids(run({ categories: { left_behind: true }, guardianshipRating: 'poor' }))).toEqual([
			'STU-GUARD-POOR'
		]);
		const g = { g1: { name: '李奶奶', rating: 'poor' as const } };
		expect(ids(run({ categories: { left_behind: true }, guardians: g }))).toEqual([
			'STU-GUARD-POOR'
		]);
	});

	it('[STU-GUARD-POOR] near miss: rated poor but not left behind, or left behind rated fair', () => {
		expect(run({ guardianshipRating: 'poor' })).toEqual([]);
		expect(run({ categories: { left_behind: true }, guardianshipRating: 'fair' })).toEqual([]);
	});

	it('[STU-TALK-MONTH] fires when the last talk was last month', () => {
		const a = run({}, { last: { ...onTime, talk: '2026-10-31' } });
		expect(ids(a)).toEqual(['STU-TALK-MONTH']);
		expect(a[0]?.figures).toEqual({ month: '2026-11', lastTalk: '2026-10-31' });
	});

	it('[STU-TALK-MONTH] near miss: a talk on the 1st; no pairing; a holiday month', () => {
		expect(run({}, { last: { ...onTime, talk: '2026-11-01' } })).toEqual([]);
		expect(run({}, { pairings: [], last: {} })).toEqual([]);
		expect(
			ids(
				run(
					{},
					{
						today: '2026-08-20',
						last: {
							...onTime,
							talk: '2026-06-10',
							home_visit: '2026-04-01',
							phone_call: '2026-08-01'
						}
					}
				)
			)
		).toEqual([]);
	});

	it('[STU-TALK-MONTH] near miss: a pairing that ended yesterday is not the teacher’s any more', () => {
		const ended = { ...adopt, endDate: '2026-11-19' };
		expect(run({}, { pairings: [ended], last: {} })).toEqual([]);
	});

	it('[STU-HOMEVISIT-TERM] fires when the last home visit was in the spring term', () => {
		const a = run({}, { last: { ...onTime, home_visit: '2026-08-31' } });
		expect(ids(a)).toEqual(['STU-HOMEVISIT-TERM']);
		expect(a[0]?.figures).toEqual({ term: '2026-autumn', lastHomeVisit: '2026-08-31' });
	});

	it('[STU-HOMEVISIT-TERM] near miss: a home visit on the term’s first day', () => {
		expect(run({}, { last: { ...onTime, home_visit: '2026-09-01' } })).toEqual([]);
	});

	it('[STU-CALL-MONTH] fires for a child whose parents work away and had no call this month', () => {
		const a = run(
			{ mother: { away: true, phone: '13912345678' } },
			{ last: { ...onTime, phone_call: '2026-10-30' } }
		);
		expect(ids(a)).toEqual(['STU-CALL-MONTH']);
	});

	it('[STU-CALL-MONTH] near miss: parents at home, or a call this month', () => {
		expect(run({}, { last: { ...onTime, phone_call: undefined } })).toEqual([]);
		expect(
			run({ father: { away: true } }, { last: { ...onTime, phone_call: '2026-11-01' } })
		).toEqual([]);
	});

	it('[STU-OUT-OF-SCHOOL] fires for a 12-year-old recorded as dropped out', () => {
		const a = run({ birthDate: '2014-01-01', stage: 'dropped_out' });
		expect(ids(a)).toEqual(['STU-OUT-OF-SCHOOL']);
		expect(a[0]?.figures).toEqual({ age: 12, stage: 'dropped_out' });
	});

	it('[STU-OUT-OF-SCHOOL] near miss: aged 17 the day before, or in school', () => {
		expect(run({ birthDate: '2009-11-20', stage: 'not_in_school' })).toEqual([]);
		expect(ids(run({ birthDate: '2009-11-21', stage: 'not_in_school' }))).toEqual([
			'STU-OUT-OF-SCHOOL'
		]);
		expect(run({ birthDate: '2014-01-01', stage: 'primary' })).toEqual([]);
	});

	const plan = (p: Partial<Plan> = {}): Plan => ({
		id: 'l1',
		...meta,
		subjectKind: 'student',
		subjectId: 'u1',
		year: 2026,
		planType: 'struggling',
		...p
	});

	it('[PLAN-NO-ASSESS] fires for this year’s struggling plan assessed only last term', () => {
		const a = run({}, { plans: [plan({ assessments: { a1: { date: '2026-06-20' } } })] });
		expect(ids(a)).toEqual(['PLAN-NO-ASSESS']);
		expect(a[0]?.subject).toEqual({ kind: 'plan', id: 'l1' });
		expect(a[0]?.studentId).toBe('u1');
	});

	it('[PLAN-NO-ASSESS] near miss: assessed on the term’s first day; a disabled-student plan', () => {
		expect(run({}, { plans: [plan({ assessments: { a1: { date: '2026-09-01' } } })] })).toEqual([]);
		expect(run({}, { plans: [plan({ planType: 'disabled' })] })).toEqual([]);
		expect(run({}, { plans: [plan({ year: 2025 })] })).toEqual([]);
	});

	it('[PLAN-MEASURE-DUE] fires for a measure due yesterday and still in progress', () => {
		const measures = {
			x1: { type: 'education' as const, dueDate: '2026-11-19', status: 'in_progress' as const },
			x2: { type: 'education' as const, dueDate: '2026-10-01' }
		};
		const a = run({}, { plans: [plan({ planType: 'general', measures })] });
		expect(ids(a)).toEqual(['PLAN-MEASURE-DUE']);
		expect(a[0]?.figures).toEqual({ count: 2, dueDate: '2026-10-01' });
	});

	it('[PLAN-MEASURE-DUE] near miss: due today, or done', () => {
		const measures = {
			x1: { type: 'education' as const, dueDate: '2026-11-20' },
			x2: { type: 'education' as const, dueDate: '2026-10-01', status: 'done' as const }
		};
		expect(run({}, { plans: [plan({ planType: 'general', measures })] })).toEqual([]);
	});

	const schools: Pairing = {
		id: 'sp',
		...meta,
		kind: 'school_school',
		supporterId: 's1',
		supportedId: 's2',
		startDate: '2025-09-01',
		norms: { principalVisits: 2, deptHeadVisits: 0, jointMeetings: 0, secondedManagers: 0 }
	};
	const act = (date: string, kind: Activity['kind']): Activity => ({
		id: `a${date}${kind}`,
		...meta,
		date,
		kind,
		area: 'management',
		pairingId: 'sp'
	});

	it('[PAIR-NORMS] fires when no principal visit is recorded by the end of the term', () => {
		const a = run(
			{},
			{
				pairings: [adopt, schools],
				activities: [act('2026-06-01', 'principal_visit')],
				today: '2027-01-31',
				last: { talk: '2027-01-05', home_visit: '2026-10-01', phone_call: '2027-01-02' }
			}
		);
		expect(ids(a)).toEqual(['PAIR-NORMS']);
		expect(a[0]?.figures).toMatchObject({
			term: '2026-autumn',
			behind: 'principalVisits',
			principalVisits: '0/2'
		});
	});

	it('[PAIR-NORMS] near miss: one of two visits at mid-term is on pace; early in the term nothing is due', () => {
		const mid = '2026-11-16';
		expect(
			run(
				{},
				{
					pairings: [adopt, schools],
					activities: [act('2026-10-01', 'principal_visit')],
					today: mid,
					last: { talk: '2026-11-03', home_visit: '2026-10-10' }
				}
			)
		).toEqual([]);
		expect(
			run(
				{},
				{
					pairings: [adopt, schools],
					today: '2026-09-20',
					last: { talk: '2026-09-03', home_visit: '2026-09-10' }
				}
			)
		).toEqual([]);
	});

	it('[PAIR-NORMS] the workspace default (principal ≥ 2) applies when the agreement sets none', () => {
		const open = { ...schools, norms: undefined };
		const a = run(
			{},
			{
				pairings: [adopt, open],
				today: '2027-01-31',
				last: { talk: '2027-01-05', home_visit: '2026-10-01' }
			}
		);
		expect(a[0]?.figures).toMatchObject({
			principalVisits: '0/2',
			deptHeadVisits: '0/3',
			jointMeetings: '0/2',
			secondedManagers: '0/1'
		});
	});
});

describe('lastContactsOf', () => {
	it('keeps the latest date per kind and ignores households, deleted and other kinds', () => {
		const last = lastContactsOf([
			{ kind: 'talk', date: '2026-03-01', subjectKind: 'student', subjectId: 'u1' },
			{ kind: 'talk', date: '2026-05-01', subjectKind: 'student', subjectId: 'u1' },
			{ kind: 'talk', date: '2026-06-01', subjectKind: 'student', subjectId: 'u1', deletedAt: 'x' },
			{ kind: 'home_visit', date: '2026-04-01', subjectKind: 'student', subjectId: 'u1' },
			{ kind: 'visit', date: '2026-07-01', subjectKind: 'student', subjectId: 'u1' },
			{ kind: 'talk', date: '2026-07-01', subjectKind: 'household', subjectId: 'u1' }
		]);
		expect(last.get('u1')).toEqual({ talk: '2026-05-01', home_visit: '2026-04-01' });
	});
});
