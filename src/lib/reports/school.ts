import { schoolAreas, type IsoDate } from '$lib/domain';
import { unitName, type ReportInput } from './input';
import { defineColumns, type Row, type Table } from './table';
import { SCHOOL_AREA } from './vocabulary';

/**
 * The school year's term of a date: autumn term September–January (第一学期), spring term
 * February–August (第二学期), named by the school year they belong to.
 */
export function termOf(date: IsoDate): string {
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7));
	if (m >= 9) return `${y}-${y + 1}学年第一学期`;
	if (m === 1) return `${y - 1}-${y}学年第一学期`;
	return `${y - 1}-${y}学年第二学期`;
}

const AREA_COLUMNS = defineColumns<string>([
	{ key: 'pairing', header: '结对学校', width: 36, type: 'text' },
	...schoolAreas.map((a) => ({
		key: a,
		header: SCHOOL_AREA[a],
		width: 11,
		type: 'int' as const,
		sum: true
	})),
	{ key: 'total', header: '合计', width: 8, type: 'int', sum: true },
	{ key: 'participants', header: '参与人次', width: 10, type: 'int', sum: true }
]);

const DONATION_COLUMNS = defineColumns<string>([
	{ key: 'term', header: '学期', width: 24, type: 'text' },
	{ key: 'items', header: '捐赠笔数', width: 10, type: 'int', sum: true },
	{ key: 'value', header: '折合金额（元）', width: 16, type: 'money', sum: true },
	{ key: 'what', header: '主要物资', width: 40, type: 'text' }
]);

/** 结对帮扶工作汇总: activities by area per pairing, and donations by term, in [from, to]. */
export function schoolPairingSummary(
	input: ReportInput,
	from: IsoDate,
	to: IsoDate,
	madeOn: IsoDate,
	period: string
): Table[] {
	const schoolName = new Map(input.schools.map((s) => [s.id, s.name]));
	const pairingName = new Map(
		input.pairings
			.filter((p) => p.kind === 'school_school')
			.map((p) => [
				p.id,
				`${schoolName.get(p.supporterId) ?? ''} → ${schoolName.get(p.supportedId) ?? ''}`
			])
	);
	const byPairing = new Map<string, Record<string, number>>();
	for (const a of input.activities) {
		if (a.date < from || a.date > to) continue;
		const key = a.pairingId && pairingName.has(a.pairingId) ? a.pairingId : '';
		let counts = byPairing.get(key);
		if (!counts) byPairing.set(key, (counts = { total: 0, participants: 0 }));
		counts[a.area] = (counts[a.area] ?? 0) + 1;
		counts['total'] = (counts['total'] ?? 0) + 1;
		counts['participants'] = (counts['participants'] ?? 0) + (a.participantCount ?? 0);
	}
	const areaRows: Row[] = [...byPairing]
		.map(([id, counts]): Row => ({
			pairing: id ? pairingName.get(id) : '未指定结对',
			...Object.fromEntries(schoolAreas.map((a) => [a, counts[a] ?? 0])),
			total: counts['total'],
			participants: counts['participants']
		}))
		.sort((a, b) => String(a['pairing']).localeCompare(String(b['pairing']), 'zh-CN'));
	const terms = new Map<string, { items: number; value: number; what: Map<string, number> }>();
	for (const d of input.donations) {
		if (!d.date || d.date < from || d.date > to) continue;
		const t = termOf(d.date);
		let s = terms.get(t);
		if (!s) terms.set(t, (s = { items: 0, value: 0, what: new Map() }));
		s.items++;
		s.value += d.value ?? 0;
		s.what.set(d.item, (s.what.get(d.item) ?? 0) + 1);
	}
	const donationRows: Row[] = [...terms]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([term, s]) => ({
			term,
			items: s.items,
			value: Math.round(s.value * 100) / 100,
			what: [...s.what]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 5)
				.map(([w]) => w)
				.join('、')
		}));
	const base = { unit: unitName(input), period, madeOn };
	return [
		{
			...base,
			sheet: '活动分类统计',
			title: '结对帮扶活动分类统计',
			columns: AREA_COLUMNS,
			rows: areaRows
		},
		{
			...base,
			sheet: '捐赠统计',
			title: '捐赠及帮扶物资统计（按学期）',
			columns: DONATION_COLUMNS,
			rows: donationRows
		}
	];
}
