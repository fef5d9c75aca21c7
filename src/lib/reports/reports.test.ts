import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Household, type Visit } from '$lib/domain';
import { buildCountyDataset, buildSchoolDataset } from '../../../tests/factories';
import { quarterlyFigures, quarterlyReport } from './quarterly';
import { staffTable } from './staff';
import { schoolPairingSummary, termOf } from './school';
import {
	POSTING_FIELDS,
	postingList,
	postingRows,
	redactNumbers,
	type PostingRow
} from './posting';
import { toCsv } from './csv';
import { writeXlsx } from './xlsx';
import { expectGolden, inputFrom, readXlsx } from './test-helpers';
import type { ReportInput } from './input';

const meta = {
	createdAt: '2025-01-01T00:00:00.000Z',
	createdBy: 'm1',
	updatedAt: '2025-01-01T00:00:00.000Z',
	updatedBy: 'm1'
};

function emptyInput(over: Partial<ReportInput> = {}): ReportInput {
	return {
		settings: { ...DEFAULT_SETTINGS, name: '测试工作组' },
		members: [],
		households: [],
		students: [],
		schools: [],
		pairings: [],
		plans: [],
		cases: [],
		activities: [],
		donations: [],
		visits: [],
		...over
	};
}

const household = (id: string, over: Partial<Household> = {}): Household => ({
	id,
	...meta,
	headName: `户主${id}`,
	village: '石门村',
	...over
});
const visit = (id: string, subjectId: string, date: string, over: Partial<Visit> = {}): Visit => ({
	id,
	...meta,
	kind: 'visit',
	date,
	subjectKind: 'household',
	subjectId,
	visitorIds: ['m1'],
	...over
});

let county: ReportInput;
let school: ReportInput;
beforeAll(async () => {
	county = await inputFrom(
		buildCountyDataset(5, { households: 30, perCadre: 10, yearsOfVisits: 1 })
	);
	school = await inputFrom(buildSchoolDataset(5, { students: 30, staff: 8 }));
});

describe('quarterly report', () => {
	it('counts visits done vs due, case steps and measures for the quarter', () => {
		const q3 = quarterlyFigures(
			county,
			{ year: 2025, quarter: 3 },
			{ kind: 'workspace' },
			'2025-10-10'
		);
		expect(q3.pairedHouseholds).toBe(30);
		expect(q3.visitsDue).toBe(30);
		expect(q3.visitsDone).toBeLessThanOrEqual(30);
		expect(q3.visitsDone).toBeGreaterThan(20);
		// Every seeded case is identified on 2025-07-15 (Q3), nominated in the first half.
		expect(q3.identified).toBe(county.cases.length);
		expect(q3.nominated).toBe(0);
		const all = county.plans
			.filter((p) => p.year === 2025)
			.flatMap((p) => Object.values(p.measures ?? {}));
		expect(q3.measures.reduce((s, m) => s + m.count, 0)).toBe(
			all.filter((m) => m.status !== 'cancelled').length
		);
	});

	it('opens and closes alerts by comparing the quarter start with its end', () => {
		const input = emptyInput({
			members: [{ id: 'm1', ...meta, name: '李卫东' }],
			households: [household('h1'), household('h2')],
			pairings: ['h1', 'h2'].map((h) => ({
				id: `p${h}`,
				...meta,
				kind: 'member_household' as const,
				supporterId: 'm1',
				supportedId: h,
				startDate: '2024-01-01'
			})),
			// h1 overdue at 09-30, visited in November: closed. h2 fine at 09-30, overdue by 12-31: opened.
			visits: [
				visit('v1', 'h1', '2025-05-01'),
				visit('v2', 'h1', '2025-11-15'),
				visit('v3', 'h2', '2025-08-01')
			]
		});
		const f = quarterlyFigures(
			input,
			{ year: 2025, quarter: 4 },
			{ kind: 'workspace' },
			'2026-01-05'
		);
		expect(f.alertsOpened).toBe(1);
		expect(f.alertsClosed).toBe(1);
		expect(f.visitsDone).toBe(1);
		expect(f.visitsDue).toBe(2);
	});

	it('writes the figures, measures by type and the narrative paragraphs (golden)', async () => {
		const tables = quarterlyReport(
			county,
			{ year: 2025, quarter: 4 },
			{ kind: 'workspace' },
			'2025-12-15',
			'本季度共走访农户。\n\n下一步：加强产业帮扶。'
		);
		const sheets = await readXlsx(await writeXlsx(tables));
		expect(sheets.map((s) => s.name)).toEqual(['季度报告', '措施分类', '工作小结']);
		expect(sheets[0]!.rows[1]![0]!.v).toContain('所属期：2025年第四季度');
		expect(sheets[2]!.rows.slice(3).map((r) => r[0]!.v)).toEqual([
			'本季度共走访农户。',
			'下一步：加强产业帮扶。'
		]);
		expectGolden('quarterly', sheets);
	});
});

describe('staff table', () => {
	it('lists each member with paired cases and contacts done vs due', async () => {
		const t = staffTable(school, '2025-01-01', '2025-12-31', '2026-01-05', '2025年');
		const teacher = t.rows.find((r) => Number(r['students']) > 0)!;
		expect(teacher).toBeDefined();
		const id = school.members.find((m) => m.name === teacher['name'])!.id;
		const mine = school.visits.filter(
			(v) => v.date.startsWith('2025') && v.visitorIds?.includes(id)
		);
		expect(Number(teacher['visits']) + Number(teacher['talks']) + Number(teacher['calls'])).toBe(
			mine.length
		);
		expect(Number(teacher['due'])).toBeGreaterThan(0);
		expectGolden('staff', await readXlsx(await writeXlsx([t])));
	});
});

describe('school pairing summary', () => {
	it('counts activities by area per pairing and donations by term', async () => {
		const tables = schoolPairingSummary(
			school,
			'2024-01-01',
			'2025-12-31',
			'2026-01-05',
			'2024—2025年'
		);
		const [areas, terms] = tables;
		expect(areas!.rows.reduce((s, r) => s + Number(r['total']), 0)).toBe(
			school.activities.filter((a) => a.date >= '2024-01-01' && a.date <= '2025-12-31').length
		);
		expect(terms!.rows.reduce((s, r) => s + Number(r['items']), 0)).toBe(
			school.donations.filter((d) => d.date && d.date >= '2024-01-01' && d.date <= '2025-12-31')
				.length
		);
		expect(termOf('2025-09-01')).toBe('2025-2026学年第一学期');
		expect(termOf('2026-01-20')).toBe('2025-2026学年第一学期');
		expect(termOf('2026-03-01')).toBe('2025-2026学年第二学期');
		expectGolden('school-summary', await readXlsx(await writeXlsx(tables)));
	});
});

describe('posting list (公示)', () => {
	it('holds names and decisions only, never an ID number, phone or bank account', async () => {
		// A village full of sensitive numbers: every member has an ID, every household a phone,
		// one head's name was typed with an ID number and one group with a bank card number.
		const h = county.households.slice(0, 12).map((x, i) => ({
			...x,
			village: '石门村',
			headName: i === 0 ? `${x.headName} 532525198001011234` : x.headName,
			group: i === 1 ? '6222 0210 0112 3456 789' : (x.group ?? '')
		}));
		const cases = h.map((x, i) => ({
			id: `k${i}`,
			...meta,
			householdId: x.id,
			decisions: {
				a: { to: 'nominated' as const, date: '2025-09-01', decidedBy: 'm1', order: 1 },
				b: { to: 'verified' as const, date: '2025-09-05', decidedBy: 'm1', order: 2 },
				...(i % 2
					? { c: { to: 'identified' as const, date: '2025-09-12', decidedBy: 'm1', order: 3 } }
					: {})
			}
		}));
		const input = { ...county, households: h, cases };
		const sensitive = new Set<string>();
		for (const x of h) {
			if (x.phone) sensitive.add(x.phone);
			for (const m of Object.values(x.members ?? {})) if (m.idNumber) sensitive.add(m.idNumber);
		}
		sensitive.add('532525198001011234');
		sensitive.add('6222021001123456789');
		expect(sensitive.size).toBeGreaterThan(30);
		const rows = postingRows(input, '石门村', '2025-09-01', '2025-09-30');
		expect(rows).toHaveLength(12 + 6);
		for (const r of rows) expect(Object.keys(r).sort()).toEqual([...POSTING_FIELDS].sort());
		const t = postingList(input, '石门村', '2025-09-01', '2025-09-30', '2025-10-01', '2025年9月');
		const sheets = await readXlsx(await writeXlsx([t]));
		const text = [JSON.stringify(sheets), toCsv(t)].join('\n').replace(/[\s-]/g, '');
		for (const s of sensitive) expect(text).not.toContain(s);
		expect(text).toContain('拟纳入防止返贫监测对象');
		expect(sheets[0]!.rows[2]!.map((c) => c.v)).toEqual([
			'序号',
			'户主姓名',
			'村民小组',
			'公示事项',
			'决定日期'
		]);
	});

	it('has no field for sensitive data in its row type', () => {
		const row: PostingRow = {
			seq: 1,
			headName: '张三',
			group: '一组',
			decision: '风险消除',
			decisionDate: '2025-09-01'
		};
		// @ts-expect-error a posting row has no ID number
		const bad: PostingRow = { ...row, idNumber: '532525198001011234' };
		expect(bad).toBeDefined();
		expect(redactNumbers('王五 13912345678')).toBe('王五 ＊＊＊');
		expect(redactNumbers('三组 12 号')).toBe('三组 12 号');
	});
});
