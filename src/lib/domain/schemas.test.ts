import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { validate, type ErrorCode } from './codes';
import { MESSAGES } from './messages';
import { KINDS, KIND_NAMES } from './kinds';
import { DEFAULT_SETTINGS, monitoringLineFor, settingsValues } from './settings';
import { caseState, canTransition } from './monitoring';
import { sortedItems } from './common';

const ID = '11010519491231002X';
const SHA = 'a'.repeat(64);
const meta = {
	id: 'rec1',
	createdAt: '2026-01-02T03:04:05.000Z',
	createdBy: 'm1',
	updatedAt: '2026-01-02T03:04:05.000Z',
	updatedBy: 'm1'
};

/** A minimal valid record of each kind: each bad-input case below breaks exactly one field. */
const valid = {
	member: { ...meta, name: '王老师', role: 'class_teacher', phone: '13800138000', unit: '一中' },
	school: { ...meta, name: '红星小学', kind: 'recipient', contactPhone: '0871-12345678' },
	pairing: {
		...meta,
		kind: 'member_household',
		supporterId: 'm1',
		supportedId: 'h1',
		startDate: '2025-01-01',
		endDate: '2027-12-31',
		agreementSignedDate: '2025-01-01',
		helpAreas: { teaching: true, industry: true },
		visitEveryMonths: 3,
		commitment: '每月谈心一次',
		norms: { principalVisits: 2, deptHeadVisits: 3, jointMeetings: 2, secondedManagers: 1 }
	},
	student: {
		...meta,
		name: '李小明',
		birthDate: '2014-05-06',
		idNumber: ID,
		categories: { left_behind: true },
		guardians: {
			g1: {
				name: '李奶奶',
				relation: 'grandmother',
				phone: '13912345678',
				order: 1,
				rating: 'fair'
			}
		},
		father: { name: '李大山', away: true, workLocation: '浙江宁波', phone: '13700001111' },
		mother: { away: false },
		stage: 'primary',
		boarding: true,
		placement: 'regular_class',
		disabilityType: 'hearing',
		disabilityGrade: 2,
		commitmentLetter: { signedBy: '李奶奶', signedDate: '2025-09-01', scan: { sha256: SHA } }
	},
	household: {
		...meta,
		headName: '张三',
		village: '石门村',
		group: '三组',
		type: 'marginal',
		members: {
			p1: { name: '张三', relation: 'head', idNumber: ID, birthDate: '1949-12-31', labour: 'weak' }
		},
		incomes: { '2025': { wages: 12000, transfers: 3000 } },
		expenses: {
			e1: { kind: 'medical', amount: 8000, date: '2025-07-01', medicalKind: 'inpatient' }
		},
		housingGrade: 'B',
		waterLitresPerDay: 40,
		policies: { dibao: true }
	},
	plan: {
		...meta,
		subjectKind: 'household',
		subjectId: 'h1',
		year: 2026,
		measures: { x1: { type: 'industry', dueDate: '2026-06-30', status: 'planned', funds: 2000 } }
	},
	studentPlan: {
		...meta,
		subjectKind: 'student',
		subjectId: 's1',
		year: 2025,
		planType: 'struggling',
		diagnosisKnowledge: '分数运算不熟',
		diagnosisHabits: '作业拖拉',
		diagnosisThinking: '审题不仔细',
		diagnosisCauses: '父母外出，无人辅导',
		goals: '期末数学及格',
		measures: {
			x1: {
				type: 'education',
				ownerId: 'm1',
				dueDate: '2025-12-31',
				status: 'in_progress',
				fromVisitId: 'v1'
			}
		},
		assessments: { a1: { date: '2025-11-01', result: '期中 58 分', score: 58, byId: 'm1' } },
		parentFeedback: '奶奶说作业按时了',
		summary: '有进步',
		placement: 'home_teaching'
	},
	activity: { ...meta, date: '2025-10-10', area: 'management', kind: 'principal_visit' },
	donation: { ...meta, item: '书包', quantity: 30, value: 1500, date: '2025-09-01' },
	case: {
		...meta,
		householdId: 'h1',
		categories: { income_expense: true },
		decisions: {
			d1: { to: 'nominated', date: '2025-03-01', decidedBy: 'm1', order: 1 },
			d2: { to: 'verified', date: '2025-03-05', decidedBy: 'm2', order: 2 }
		}
	},
	settings: { ...meta, name: '石门村工作组' },
	filing: { ...meta, duty: 'monthly_ledger', period: '2025-10', date: '2025-11-08' },
	narrative: { ...meta, period: '2025-Q4', work: '本季度走访 120 户', problems: '', nextSteps: '' },
	visit: {
		...meta,
		kind: 'home_visit',
		date: '2025-11-11',
		subjectKind: 'student',
		subjectId: 's1',
		findings: { q1: true, q2: 3 },
		time: '14:30',
		className: '三年级（2）班',
		effect: '情绪好转',
		familySituation: '与奶奶同住',
		behaviour: '在校安静，在家爱看电视',
		problems: '作业无人辅导',
		parentsViews: '希望老师多关心',
		calledWhom: '母亲',
		followUps: { f1: { text: '联系班主任', dueDate: '2025-11-20' } },
		photos: { [SHA]: { sha256: SHA } }
	}
} satisfies Record<(typeof KIND_NAMES)[number] | 'studentPlan', Record<string, unknown>>;

const schemaOf = (kind: keyof typeof valid) => KINDS[kind === 'studentPlan' ? 'plan' : kind].schema;

function issuesOf(schema: z.ZodType, input: unknown) {
	const r = validate(schema, input);
	return r.ok ? [] : r.issues;
}

describe('every kind has a valid example', () => {
	it.each([...KIND_NAMES, 'studentPlan' as const])('%s', (kind) => {
		expect(issuesOf(schemaOf(kind), valid[kind])).toEqual([]);
	});
});

type Case = [kind: keyof typeof valid, path: (string | number)[], value: unknown, code: ErrorCode];

function withPath(obj: Record<string, unknown>, path: (string | number)[], value: unknown) {
	const copy: Record<string, unknown> = structuredClone(obj);
	let cur: Record<string, unknown> = copy;
	for (const key of path.slice(0, -1)) cur = cur[String(key)] as Record<string, unknown>; // test data shape is known
	const last = String(path.at(-1));
	if (value === undefined) delete cur[last];
	else cur[last] = value;
	return copy;
}

const BAD: Case[] = [
	['member', ['name'], undefined, 'required'],
	['member', ['name'], '   ', 'required'],
	['member', ['role'], 'boss', 'enum.invalid'],
	['member', ['phone'], '12345', 'phone.invalid'],
	['member', ['unit'], 'x'.repeat(201), 'string.too_long'],
	['member', ['updatedAt'], 'yesterday', 'datetime.invalid'],
	['member', ['id'], 'a/b', 'id.invalid'],
	['school', ['kind'], 'rich', 'enum.invalid'],
	['school', ['contactPhone'], '0871', 'phone.invalid'],
	['pairing', ['kind'], 'friends', 'enum.invalid'],
	['pairing', ['supportedId'], 'm1', 'pairing.sides'],
	['pairing', ['endDate'], '2024-12-31', 'date.order'],
	['pairing', ['startDate'], '2026-02-30', 'date.invalid'],
	['pairing', ['agreementSignedDate'], '2100-01-01', 'date.future'],
	['pairing', ['helpAreas', 'cooking'], true, 'enum.invalid'],
	['pairing', ['visitEveryMonths'], -1, 'number.too_small'],
	['pairing', ['visitEveryMonths'], 1.5, 'number.not_integer'],
	['student', ['birthDate'], '2100-01-01', 'date.future'],
	['student', ['birthDate'], '2014-13-01', 'date.invalid'],
	['student', ['idNumber'], '110105194912310021', 'id_number.checksum'],
	['student', ['idNumber'], '1101051949123100', 'id_number.length'],
	['student', ['categories', 'rich'], true, 'enum.invalid'],
	['student', ['guardians', 'g1', 'phone'], 'abc', 'phone.invalid'],
	['student', ['guardians', 'g1', 'name'], undefined, 'required'],
	['student', ['guardians', 'g 1'], { name: 'x' }, 'id.invalid'],
	['student', ['disabilityGrade'], 5, 'disability.grade'],
	['student', ['disabilityType'], 'sad', 'enum.invalid'],
	['student', ['commitmentLetter', 'signedDate'], '2100-01-01', 'date.future'],
	['student', ['commitmentLetter', 'scan', 'sha256'], 'abc', 'sha256.invalid'],
	['student', ['guardians', 'g1', 'rating'], 'bad', 'enum.invalid'],
	['student', ['guardianshipRating'], 'ok', 'enum.invalid'],
	['student', ['father', 'phone'], '123', 'phone.invalid'],
	['student', ['mother', 'away'], 'yes', 'type.invalid'],
	['student', ['placement'], 'home', 'enum.invalid'],
	['student', ['stage'], 'college', 'enum.invalid'],
	['student', ['boarding'], 'yes', 'type.invalid'],
	['pairing', ['norms', 'principalVisits'], -1, 'number.too_small'],
	['pairing', ['norms', 'jointMeetings'], 1.5, 'number.not_integer'],
	['pairing', ['commitment'], 'x'.repeat(201), 'string.too_long'],
	['studentPlan', ['planType'], 'weak', 'enum.invalid'],
	['studentPlan', ['assessments', 'a1', 'date'], '2100-01-01', 'date.future'],
	['studentPlan', ['assessments', 'a1', 'date'], undefined, 'required'],
	['studentPlan', ['assessments', 'a1', 'score'], -1, 'number.too_small'],
	['studentPlan', ['measures', 'x1', 'fromVisitId'], 'a b', 'id.invalid'],
	['narrative', ['period'], '2025-10', 'type.invalid'],
	['studentPlan', ['placement'], 'school', 'enum.invalid'],
	['studentPlan', ['diagnosisCauses'], 'x'.repeat(100_001), 'string.too_long'],
	['visit', ['time'], '25:00', 'time.invalid'],
	['visit', ['effect'], 'x'.repeat(201), 'string.too_long'],
	['activity', ['kind'], 'party', 'enum.invalid'],
	['household', ['headName'], undefined, 'required'],
	['household', ['type'], 'poor', 'enum.invalid'],
	['household', ['members', 'p1', 'idNumber'], '11010519491231002Y', 'id_number.format'],
	['household', ['members', 'p1', 'birthDate'], '2100-01-01', 'date.future'],
	['household', ['members', 'p1', 'relation'], 'boss', 'enum.invalid'],
	['household', ['members', 'p1', 'labour'], 'strong', 'enum.invalid'],
	['household', ['incomes', '2025', 'wages'], -1, 'income.negative'],
	['household', ['incomes', '2025', 'transfers'], '3000', 'type.invalid'],
	['household', ['incomes', 'last'], { wages: 1 }, 'year.invalid'],
	['household', ['expenses', 'e1', 'amount'], -5, 'expense.negative'],
	['household', ['expenses', 'e1', 'date'], '2100-01-01', 'date.future'],
	['household', ['housingGrade'], 'E', 'enum.invalid'],
	['household', ['waterLitresPerDay'], -1, 'number.too_small'],
	['household', ['policies', 'lottery'], true, 'enum.invalid'],
	['plan', ['year'], 1800, 'year.invalid'],
	['plan', ['measures', 'x1', 'type'], 'magic', 'enum.invalid'],
	['plan', ['measures', 'x1', 'dueDate'], '2026-02-30', 'date.invalid'],
	['plan', ['measures', 'x1', 'funds'], -100, 'amount.negative'],
	['plan', ['measures', 'x1', 'status'], 'lost', 'enum.invalid'],
	['activity', ['area'], 'sports', 'enum.invalid'],
	['activity', ['date'], '2100-01-01', 'date.future'],
	['donation', ['quantity'], -1, 'quantity.negative'],
	['donation', ['value'], -1, 'amount.negative'],
	['case', ['decisions', 'd2', 'to'], 'released', 'case.transition'],
	['case', ['decisions', 'd2', 'date'], '2100-01-01', 'date.future'],
	['case', ['decisions', 'd1', 'decidedBy'], undefined, 'required'],
	['visit', ['date'], '2100-01-01', 'date.future'],
	['visit', ['date'], undefined, 'required'],
	['visit', ['kind'], 'party', 'enum.invalid'],
	['visit', ['photos', SHA, 'sha256'], 'nope', 'sha256.invalid'],
	['visit', ['findings', 'q1'], { nested: true }, 'type.invalid'],
	['settings', ['monitoringLines'], { '2025': -1 }, 'amount.negative'],
	['settings', ['monthlyLedgerDueDay'], 31, 'number.too_large']
];

describe('bad input gives a code with a Chinese message', () => {
	it.each(BAD)('%s.%j = %j -> %s', (kind, path, value, code) => {
		const issues = issuesOf(schemaOf(kind), withPath(valid[kind], path, value));
		expect(issues.map((i) => i.code)).toContain(code);
		expect(MESSAGES['zh-CN'][code]).toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('settings', () => {
	it('has every DOMAIN default', () => {
		expect(DEFAULT_SETTINGS.monitoringLines).toEqual({ '2021': 6000 });
		expect(DEFAULT_SETTINGS.householdVisitEveryMonths).toBe(3);
		expect(DEFAULT_SETTINGS.monthlyLedgerDueDay).toBe(10);
		expect(DEFAULT_SETTINGS.quarterlyReportDueDay).toBe(15);
		expect(DEFAULT_SETTINGS.identificationMaxDays).toBe(15);
		expect(DEFAULT_SETTINGS.exitTargetPercents).toEqual([60, 80, 100]);
		expect(DEFAULT_SETTINGS.waterMinLitresPerDay).toBe(35);
		expect(DEFAULT_SETTINGS.safeHousingGrades).toEqual(['A', 'B']);
	});

	it('picks the latest monitoring line not after the year', () => {
		const s = settingsValues.parse({
			monitoringLines: { '2021': 6000, '2023': 7300, '2025': 8700 }
		});
		expect(monitoringLineFor(s, 2024)).toBe(7300);
		expect(monitoringLineFor(s, 2026)).toBe(8700);
		expect(monitoringLineFor(s, 2020)).toBeUndefined();
	});
});

describe('monitoring case state machine', () => {
	it('derives the state from dated decisions and allows only forward steps', () => {
		expect(caseState(KINDS.case.schema.parse(valid.case).decisions)).toBe('verified');
		expect(canTransition(undefined, 'nominated')).toBe(true);
		expect(canTransition(undefined, 'verified')).toBe(false);
		expect(canTransition('verified', 'identified')).toBe(true);
		expect(canTransition('identified', 'nominated')).toBe(false);
	});

	it('keeps both rows when two people record the same step offline', () => {
		const decisions = {
			...valid.case.decisions,
			d3: { to: 'verified' as const, date: '2025-03-05', decidedBy: 'm3', order: 2 }
		};
		expect(issuesOf(KINDS.case.schema, { ...valid.case, decisions })).toEqual([]);
	});
});

describe('keyed lists', () => {
	it('sort by order, then id', () => {
		expect(
			sortedItems({ b: { order: 1 }, a: { order: 1 }, c: { order: 0 } }).map((i) => i.id)
		).toEqual(['c', 'a', 'b']);
	});
});
