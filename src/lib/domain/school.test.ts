import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { termOf, termElapsed, term } from './term';
import { changeTeacher, currentTeachers, pairingHistory, studentsOf } from './pairing-history';
import { activityCounts, donationTotalsByTerm, normProgress } from './ledger';
import { DEFAULT_SETTINGS } from './settings';
import { parentsAway, worstGuardianship } from './student';
import {
	classesOf,
	filterStudents,
	matches,
	normaliseInitials,
	studentEntry,
	type StudentEntry
} from './student-search';

describe('terms', () => {
	it('splits the year into a spring term (Feb–Aug) and an autumn term (Sep–Jan)', () => {
		expect(termOf('2026-11-20')).toMatchObject({
			id: '2026-autumn',
			start: '2026-09-01',
			end: '2027-01-31'
		});
		expect(termOf('2027-01-31').id).toBe('2026-autumn');
		expect(termOf('2027-02-01')).toMatchObject({ id: '2027-spring', end: '2027-08-31' });
		expect(termOf('2027-07-15').id).toBe('2027-spring');
	});

	it('follows the workspace’s start months', () => {
		const months = { springTermStartMonth: 3, autumnTermStartMonth: 8 };
		expect(termOf('2026-02-20', months)).toMatchObject({ id: '2025-autumn', end: '2026-02-28' });
		expect(termOf('2026-08-01', months).id).toBe('2026-autumn');
	});

	it('measures how much of a term has passed', () => {
		const t = term(2026, 'autumn');
		expect(termElapsed(t, t.start)).toBe(0);
		expect(termElapsed(t, t.end)).toBe(1);
		expect(termElapsed(t, '2026-11-16')).toBeCloseTo(0.5, 1);
	});
});

const base = { kind: 'member_student' as const, supportedId: 'u1' };

describe('member ↔ student pairings', () => {
	const history = [
		{ id: 'a', ...base, supporterId: 't1', startDate: '2024-09-01', endDate: '2025-08-31' },
		{ id: 'b', ...base, supporterId: 't2', startDate: '2025-09-01' },
		{ id: 'c', ...base, supporterId: 't3', startDate: '2025-09-01', deletedAt: 'x' },
		{ id: 'd', kind: 'member_household' as const, supportedId: 'u1', supporterId: 't4' }
	];

	it('lists the helpers newest first and knows who is responsible today', () => {
		expect(pairingHistory(history, 'u1').map((p) => p.id)).toEqual(['b', 'a']);
		expect(currentTeachers(history, 'u1', '2026-01-01')).toEqual(['t2']);
		expect(currentTeachers(history, 'u1', '2025-01-01')).toEqual(['t1']);
		expect([...studentsOf(history, 't2', '2026-01-01')]).toEqual(['u1']);
		expect([...studentsOf(history, 't1', '2026-01-01')]).toEqual([]);
	});

	it('a change of teacher ends the current pairing the day before and keeps the history', () => {
		const change = changeTeacher(history, 'u1', 't5', '2026-03-01', '2026-02-28', '每月谈心');
		expect(change).toEqual({
			end: [{ id: 'b', endDate: '2026-02-28' }],
			create: {
				kind: 'member_student',
				supporterId: 't5',
				supportedId: 'u1',
				startDate: '2026-03-01',
				commitment: '每月谈心'
			}
		});
	});

	it('a change on the day the pairing was made corrects it instead of ending it', () => {
		const today = [{ id: 'n', ...base, supporterId: 't1', startDate: '2026-03-01' }];
		expect(changeTeacher(today, 'u1', 't2', '2026-03-01', '2026-02-28')).toMatchObject({
			end: [],
			remove: ['n'],
			create: { supporterId: 't2', startDate: '2026-03-01' }
		});
	});

	it('choosing the teacher already responsible writes nothing', () => {
		expect(changeTeacher(history, 'u1', 't2', '2026-03-01', '2026-02-28')).toEqual({ end: [] });
	});
});

describe('school pairing ledger', () => {
	const months = DEFAULT_SETTINGS;
	it('totals donations per term, newest first, with quantities by unit', () => {
		const totals = donationTotalsByTerm(
			[
				{ date: '2026-09-10', value: 1500, quantity: 30, unit: '个' },
				{ date: '2026-12-01', value: 500, quantity: 10, unit: '个' },
				{ date: '2027-01-20', quantity: 2, unit: '台' },
				{ date: '2026-03-01', value: 800 },
				{ value: 99 },
				{ date: '2026-10-01', value: 1000, deletedAt: 'x' }
			],
			months
		);
		expect(totals.map((t) => [t.term.id, t.count, t.value, t.quantities])).toEqual([
			['2026-autumn', 3, 2000, { 个: 40, 台: 2 }],
			['2026-spring', 1, 800, {}]
		]);
	});

	it('counts activities by area and kind', () => {
		expect(
			activityCounts([
				{ area: 'teaching', kind: 'lecture' },
				{ area: 'teaching', kind: 'demonstration_lesson' },
				{ area: 'facilities', kind: 'donation' }
			])
		).toEqual({
			byArea: { teaching: 2, facilities: 1 },
			byKind: { lecture: 1, demonstration_lesson: 1, donation: 1 }
		});
	});

	it('counts norm activities of this pairing in this term only', () => {
		const p = { id: 'sp', norms: { principalVisits: 4 } };
		const rows = normProgress(
			p,
			[
				{ pairingId: 'sp', kind: 'principal_visit', date: '2026-09-05' },
				{ pairingId: 'sp', kind: 'principal_visit', date: '2026-06-05' },
				{ pairingId: 'other', kind: 'principal_visit', date: '2026-09-06' },
				{ pairingId: 'sp', kind: 'secondment', date: '2026-10-01' }
			],
			DEFAULT_SETTINGS,
			'2026-11-16'
		).rows;
		expect(rows.find((r) => r.norm === 'principalVisits')).toEqual({
			norm: 'principalVisits',
			required: 4,
			done: 1,
			expected: 2
		});
		expect(rows.find((r) => r.norm === 'secondedManagers')).toMatchObject({ required: 1, done: 1 });
		expect(rows.find((r) => r.norm === 'deptHeadVisits')).toMatchObject({ required: 3, done: 0 });
	});
});

describe('student helpers', () => {
	it('knows when parents work away and the worst guardianship on file', () => {
		expect(parentsAway({ father: { away: true } })).toBe(true);
		expect(parentsAway({ mother: { away: false } })).toBe(false);
		expect(
			worstGuardianship({
				guardianshipRating: 'good',
				guardians: { g: { name: 'x', rating: 'fair' } }
			})
		).toBe('fair');
		expect(worstGuardianship({})).toBeUndefined();
	});
});

describe('student search', () => {
	const initialsOf = (name: string) =>
		normaliseInitials(pinyin(name, { pattern: 'first', toneType: 'none', surname: 'head' }));
	const entries: StudentEntry[] = [
		studentEntry(
			'u1',
			{
				name: '王大华',
				className: '三年级（2）班',
				categories: { left_behind: true, struggling: false }
			},
			initialsOf
		),
		studentEntry(
			'u2',
			{ name: '曾小乐', className: '五年级（1）班', categories: { disabled: true } },
			initialsOf
		),
		studentEntry('u3', { name: '李明', className: '三年级（1）班' }, initialsOf)
	];

	it('takes the name, class, set categories and pinyin initials from a raw row', () => {
		expect(entries[0]).toEqual({
			id: 'u1',
			name: '王大华',
			className: '三年级（2）班',
			categories: ['left_behind'],
			initials: 'wdh'
		});
		// 曾 as a surname reads zēng, not céng.
		expect(entries[1]?.initials).toBe('zxl');
	});

	it('finds by part of the name, initials prefix (any case, full-width too) and class', () => {
		const q = (query: string) => entries.filter((e) => matches(e, query)).map((e) => e.id);
		expect(q('大华')).toEqual(['u1']);
		expect(q('wd')).toEqual(['u1']);
		expect(q('ZXL')).toEqual(['u2']);
		expect(q('ｗｄｈ')).toEqual(['u1']);
		expect(q('三年级')).toEqual(['u1', 'u3']);
		expect(q('（1）')).toEqual(['u2', 'u3']);
		expect(q('')).toEqual(['u1', 'u2', 'u3']);
		expect(q('xyz')).toEqual([]);
	});

	it('filters by category, class, teacher and alerts together with the query', () => {
		const facts = {
			teachersOf: new Map([
				['u1', ['t1']],
				['u3', ['t1', 't2']]
			]),
			withAlerts: new Set(['u3'])
		};
		const f = (filters: Parameters<typeof filterStudents>[1]) =>
			filterStudents(entries, filters, facts).map((e) => e.id);
		expect(f({ category: 'disabled' })).toEqual(['u2']);
		expect(f({ className: '三年级（1）班' })).toEqual(['u3']);
		expect(f({ teacherId: 't1' })).toEqual(['u1', 'u3']);
		expect(f({ teacherId: 't1', hasAlerts: true })).toEqual(['u3']);
		expect(f({ teacherId: 't1', query: 'wdh' })).toEqual(['u1']);
	});

	it('lists the classes once, in order', () => {
		expect(classesOf(entries, (a, b) => a.localeCompare(b, 'zh-CN'))).toEqual([
			'三年级（1）班',
			'三年级（2）班',
			'五年级（1）班'
		]);
	});
});

describe('school settings', () => {
	it('has the field norms as defaults', () => {
		expect(DEFAULT_SETTINGS).toMatchObject({
			principalVisitsPerTerm: 2,
			deptHeadVisitsPerTerm: 3,
			jointMeetingsPerTerm: 2,
			secondedManagersPerTerm: 1,
			studentHomeVisitsPerTerm: 1,
			studentTalksPerMonth: 1,
			absentParentCallsPerMonth: 1,
			springTermStartMonth: 2,
			autumnTermStartMonth: 9
		});
	});
});
