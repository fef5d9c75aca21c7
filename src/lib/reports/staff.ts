import { addMonths, type IsoDate } from '$lib/domain';
import { collator } from './ledgers';
import { pairingActive } from './index-of';
import { unitName, type ReportInput } from './input';
import { defineColumns, type Row, type Table } from './table';
import { MEMBER_ROLE, word } from './vocabulary';

/** A student's contacts are due once a term (DOMAIN.md: a home visit per term per student). */
const STUDENT_CONTACT_EVERY_MONTHS = 6;

export const STAFF_COLUMNS = defineColumns<string>([
	{ key: 'seq', header: '序号', width: 6, type: 'int' },
	{ key: 'name', header: '姓名', width: 10, type: 'text' },
	{ key: 'role', header: '职务', width: 10, type: 'text' },
	{ key: 'unit', header: '单位', width: 20, type: 'text' },
	{ key: 'households', header: '结对户数', width: 8, type: 'int', sum: true },
	{ key: 'students', header: '结对学生数', width: 10, type: 'int', sum: true },
	{ key: 'visits', header: '走访/家访次数', width: 12, type: 'int', sum: true },
	{ key: 'talks', header: '谈心次数', width: 8, type: 'int', sum: true },
	{ key: 'calls', header: '电话次数', width: 8, type: 'int', sum: true },
	{ key: 'due', header: '应联系次数', width: 10, type: 'int', sum: true },
	{ key: 'rate', header: '完成率', width: 8, type: 'percent' }
]);

/** Months of [from, to] a pairing was in force (whole months, at least one if any day). */
function monthsIn(from: IsoDate, to: IsoDate, start?: IsoDate, end?: IsoDate): number {
	const a = start && start > from ? start : from;
	const b = end && end < to ? end : to;
	if (a > b) return 0;
	let n = 0;
	for (let d = a; d <= b; d = addMonths(d, 1)) n++;
	return n;
}

/**
 * 帮扶干部（教师）结对与走访统计: each member's paired households and students and the
 * contacts they logged in the period against what the cadences ask (pairing's own cadence,
 * else the workspace's household cadence, else once a term for students).
 */
export function staffTable(
	input: ReportInput,
	from: IsoDate,
	to: IsoDate,
	madeOn: IsoDate,
	period: string
): Table {
	const rows: Row[] = [];
	const members = [...input.members].sort((a, b) => collator.compare(a.name, b.name));
	const done = new Map<string, { visits: number; talks: number; calls: number }>();
	for (const v of input.visits) {
		if (v.date < from || v.date > to) continue;
		for (const m of new Set(v.visitorIds ?? [])) {
			let c = done.get(m);
			if (!c) done.set(m, (c = { visits: 0, talks: 0, calls: 0 }));
			if (v.kind === 'talk') c.talks++;
			else if (v.kind === 'phone_call') c.calls++;
			else c.visits++;
		}
	}
	for (const m of members) {
		let households = 0;
		let students = 0;
		let due = 0;
		for (const p of input.pairings) {
			if (p.supporterId !== m.id || p.kind === 'school_school') continue;
			if (!pairingActive(p, to) && !(p.endDate && p.endDate >= from)) continue;
			const every =
				p.visitEveryMonths ||
				(p.kind === 'member_household'
					? input.settings.householdVisitEveryMonths
					: STUDENT_CONTACT_EVERY_MONTHS) ||
				1;
			if (p.kind === 'member_household') households++;
			else students++;
			due += Math.ceil(monthsIn(from, to, p.startDate, p.endDate) / every);
		}
		const c = done.get(m.id) ?? { visits: 0, talks: 0, calls: 0 };
		if (households + students === 0 && c.visits + c.talks + c.calls === 0) continue;
		const total = c.visits + c.talks + c.calls;
		rows.push({
			seq: rows.length + 1,
			name: m.name,
			role: word(MEMBER_ROLE, m.role),
			unit: m.unit,
			households,
			students,
			...c,
			due,
			rate: due > 0 ? Math.min(1, Math.round((total / due) * 1000) / 1000) : undefined
		});
	}
	return {
		sheet: '结对走访统计',
		title: '帮扶责任人结对与走访统计表',
		unit: unitName(input),
		period,
		madeOn,
		columns: STAFF_COLUMNS,
		rows
	};
}
