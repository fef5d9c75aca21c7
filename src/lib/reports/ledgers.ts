import { monitoringLineFor, type Household, type Measure, type Visit } from '$lib/domain';
import { latestPerCapita, memberCount } from '$lib/rules/income';
import { ReportIndex } from './index-of';
import {
	monthLabel,
	monthRange,
	unitName,
	type Month,
	type ReportInput,
	type Scope
} from './input';
import { defineColumns, type Row, type Table } from './table';
import {
	CASE_STATE,
	CHECKLIST,
	HOUSEHOLD_TYPE,
	MEASURE_STATUS,
	MEASURE_TYPE,
	RISK,
	flagWords,
	word
} from './vocabulary';

export const collator = new Intl.Collator('zh-CN');

/** Contacts that count as a check (排查): in person, not a phone call or a talk. */
const CHECK_KINDS: ReadonlySet<Visit['kind']> = new Set(['visit', 'home_visit']);

const CHECK_COLUMNS = Object.entries(CHECKLIST).map(([id, header]) => ({
	key: `q_${id}` as const,
	header,
	width: 10,
	type: 'text' as const
}));

export const MONITORING_COLUMNS = defineColumns<string>([
	{ key: 'seq', header: '序号', width: 6, type: 'int' },
	{ key: 'township', header: '乡镇', width: 10, type: 'text' },
	{ key: 'village', header: '行政村', width: 10, type: 'text' },
	{ key: 'group', header: '村民小组', width: 8, type: 'text' },
	{ key: 'headName', header: '户主姓名', width: 10, type: 'text' },
	{ key: 'householdNumber', header: '户编号', width: 18, type: 'text' },
	{ key: 'type', header: '户类型', width: 15, type: 'text' },
	{ key: 'size', header: '家庭人口', width: 8, type: 'int', sum: true },
	{ key: 'perCapita', header: '人均纯收入（元）', width: 14, type: 'money' },
	...CHECK_COLUMNS,
	{ key: 'otherFindings', header: '其他情况', width: 20, type: 'text' },
	{ key: 'risks', header: '风险类型', width: 16, type: 'text' },
	{ key: 'caseState', header: '监测状态', width: 16, type: 'text' },
	{ key: 'checkedBy', header: '排查人', width: 10, type: 'text' },
	{ key: 'checkedOn', header: '排查日期', width: 12, type: 'date' }
]);

export function sortHouseholds<
	T extends Pick<Household, 'township' | 'village' | 'group' | 'headName'>
>(list: T[]): T[] {
	return list.sort(
		(a, b) =>
			collator.compare(a.township ?? '', b.township ?? '') ||
			collator.compare(a.village ?? '', b.village ?? '') ||
			collator.compare(a.group ?? '', b.group ?? '') ||
			collator.compare(a.headName, b.headName)
	);
}

/**
 * 防止返贫监测排查台账: one row per household checked in the month (its latest in-person
 * visit that month), with the checklist answers, income, risks and the case state that day.
 */
export function monitoringLedger(
	input: ReportInput,
	month: Month,
	scope: Scope,
	madeOn: string
): Table {
	const { from, to } = monthRange(month);
	const ix = new ReportIndex(input);
	const latest = new Map<string, Visit>();
	for (const v of input.visits) {
		if (v.subjectKind !== 'household' || !CHECK_KINDS.has(v.kind)) continue;
		if (v.date < from || v.date > to) continue;
		const seen = latest.get(v.subjectId);
		if (!seen || v.date > seen.date || (v.date === seen.date && v.id > seen.id))
			latest.set(v.subjectId, v);
	}
	const year = Number(month.slice(0, 4));
	const checked: { h: Household; v: Visit }[] = [];
	for (const [hid, v] of latest) {
		const h = ix.households.get(hid);
		if (h && ix.inScope(h, scope, v.date)) checked.push({ h, v });
	}
	const ordered = sortHouseholds(checked.map((c) => ({ ...c.h, visit: c.v })));
	const rows = ordered.map((h, i): Row => {
		const v = h.visit;
		const income = latestPerCapita(h, year, (y) => monitoringLineFor(input.settings, y));
		const state = ix.caseStateOn(h.id, v.date);
		const answers: Record<string, string> = {};
		const other: string[] = [];
		for (const [q, a] of Object.entries(v.findings ?? {})) {
			const text = typeof a === 'boolean' ? (a ? '是' : '否') : String(a);
			if (q in CHECKLIST) answers[`q_${q}`] = text;
			else other.push(`${q}：${text}`);
		}
		return {
			seq: i + 1,
			township: h.township,
			village: h.village,
			group: h.group,
			headName: h.headName,
			householdNumber: h.householdNumber,
			type: word(HOUSEHOLD_TYPE, h.type),
			size: memberCount(h),
			perCapita: income?.perCapita,
			...answers,
			otherFindings: other.join('；') || undefined,
			risks: flagWords(RISK, h.riskTypes) || undefined,
			caseState: state ? CASE_STATE[state] : '未纳入监测',
			checkedBy: (v.visitorIds ?? [])
				.map((m) => ix.memberName(m))
				.filter(Boolean)
				.join('、'),
			checkedOn: v.date
		};
	});
	return {
		sheet: '排查台账',
		title: '防止返贫监测排查台账',
		unit: unitName(input),
		period: monthLabel(month),
		madeOn,
		columns: MONITORING_COLUMNS,
		rows
	};
}

export const MEASURE_COLUMNS = defineColumns<string>([
	{ key: 'seq', header: '序号', width: 6, type: 'int' },
	{ key: 'township', header: '乡镇', width: 10, type: 'text' },
	{ key: 'village', header: '行政村', width: 10, type: 'text' },
	{ key: 'headName', header: '户主姓名', width: 10, type: 'text' },
	{ key: 'type', header: '措施类型', width: 12, type: 'text' },
	{ key: 'description', header: '措施内容', width: 28, type: 'text' },
	{ key: 'scale', header: '规模', width: 10, type: 'text' },
	{ key: 'funds', header: '资金（元）', width: 12, type: 'money', sum: true },
	{ key: 'owner', header: '责任人', width: 10, type: 'text' },
	{ key: 'start', header: '开始日期', width: 12, type: 'date' },
	{ key: 'due', header: '完成时限', width: 12, type: 'date' },
	{ key: 'status', header: '进展情况', width: 10, type: 'text' },
	{ key: 'result', header: '帮扶成效', width: 24, type: 'text' }
]);

/** Fields the village branch adds to a measure; read when present, empty otherwise. */
type MeasureLike = Measure & { startDate?: string; result?: string };

/**
 * 帮扶措施台账: one row per measure of the month's year's plans for the households in scope
 * (cancelled measures left out), in household order, funds totalled.
 */
export function measuresLedger(
	input: ReportInput,
	month: Month,
	scope: Scope,
	madeOn: string
): Table {
	const { to } = monthRange(month);
	const year = Number(month.slice(0, 4));
	const ix = new ReportIndex(input);
	const rows: Row[] = [];
	for (const h of sortHouseholds(ix.householdsInScope(scope, to))) {
		for (const plan of ix.plans(h.id)) {
			if (plan.year !== year) continue;
			const measures = Object.entries(plan.measures ?? {})
				.map(([id, m]) => ({ ...(m as MeasureLike), id }))
				.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : 1));
			for (const m of measures) {
				if (m.status === 'cancelled') continue;
				rows.push({
					seq: rows.length + 1,
					township: h.township,
					village: h.village,
					headName: h.headName,
					type: MEASURE_TYPE[m.type],
					description: m.description,
					scale: m.scale,
					funds: m.funds,
					owner: ix.memberName(m.ownerId),
					start: m.startDate,
					due: m.dueDate,
					status: word(MEASURE_STATUS, m.status),
					result: m.result
				});
			}
		}
	}
	return {
		sheet: '帮扶措施台账',
		title: '帮扶措施台账',
		unit: unitName(input),
		period: monthLabel(month),
		madeOn,
		columns: MEASURE_COLUMNS,
		rows
	};
}

/** Both monthly ledgers, a sheet each, as offices receive them. */
export function monthlyLedgers(input: ReportInput, month: Month, scope: Scope, madeOn: string) {
	return [
		monitoringLedger(input, month, scope, madeOn),
		measuresLedger(input, month, scope, madeOn)
	];
}
