import {
	addDays,
	measureTypes,
	quarterEnd,
	quarterStart,
	type IsoDate,
	type Quarter
} from '$lib/domain';
import { evaluateAll, ruleSettings, type Alert } from '$lib/rules';
import { ReportIndex } from './index-of';
import { unitName, type ReportInput, type Scope } from './input';
import { defineColumns, type Row, type Table } from './table';
import { MEASURE_TYPE } from './vocabulary';

const QUARTER_WORDS = ['一', '二', '三', '四'] as const;

export function quarterLabel(q: Quarter): string {
	return `${q.year}年第${QUARTER_WORDS[q.quarter - 1]}季度`;
}

export interface QuarterlyFigures {
	pairedHouseholds: number;
	/** Visits the cadence asks for in the quarter (households × visits per quarter). */
	visitsDue: number;
	/** Households visited in person at least once, counted up to their due number. */
	visitsDone: number;
	/** Every in-person visit and call logged in the quarter. */
	contacts: number;
	nominated: number;
	identified: number;
	released: number;
	alertsOpened: number;
	alertsClosed: number;
	measures: { type: (typeof measureTypes)[number]; count: number; done: number; funds: number }[];
}

const alertKey = (a: Alert) =>
	`${a.ruleId}|${a.householdId}|${a.subject?.kind ?? ''}:${a.subject?.id ?? ''}`;

function alertsOn(input: ReportInput, ix: ReportIndex, scope: Scope, on: IsoDate): Set<string> {
	const last = new Map<string, IsoDate>();
	for (const v of input.visits) {
		if (v.subjectKind !== 'household' || v.date > on) continue;
		const seen = last.get(v.subjectId);
		if (!seen || v.date > seen) last.set(v.subjectId, v.date);
	}
	const households = ix.householdsInScope(scope, on);
	const ids = new Set(households.map((h) => h.id));
	const alerts = evaluateAll(
		{
			households,
			cases: input.cases.filter((c) => ids.has(c.householdId)),
			plans: input.plans,
			lastVisitByHousehold: last
		},
		{ settings: ruleSettings(input.settings), today: on }
	);
	return new Set(alerts.map(alertKey));
}

/** The quarter's figures: visits done vs due, case steps, measures by type, alerts. */
export function quarterlyFigures(
	input: ReportInput,
	q: Quarter,
	scope: Scope,
	madeOn: IsoDate
): QuarterlyFigures {
	const from = quarterStart(q);
	const to = quarterEnd(q);
	const until = madeOn < to ? madeOn : to;
	const ix = new ReportIndex(input);
	const households = ix.householdsInScope(scope, to);
	const inScope = new Set(households.map((h) => h.id));
	const paired = households.filter((h) => ix.responsible(h.id, to).length > 0);
	const every = Math.max(1, input.settings.householdVisitEveryMonths);
	const perQuarter = Math.max(1, Math.ceil(3 / every));
	const visits = new Map<string, number>();
	let contacts = 0;
	for (const v of input.visits) {
		if (v.subjectKind !== 'household' || !inScope.has(v.subjectId)) continue;
		if (v.date < from || v.date > to) continue;
		if (v.kind === 'visit' || v.kind === 'home_visit' || v.kind === 'phone_call') contacts++;
		if (v.kind === 'visit' || v.kind === 'home_visit')
			visits.set(v.subjectId, (visits.get(v.subjectId) ?? 0) + 1);
	}
	let visitsDone = 0;
	for (const h of paired) visitsDone += Math.min(perQuarter, visits.get(h.id) ?? 0);
	const steps = { nominated: 0, identified: 0, released: 0 };
	for (const c of input.cases) {
		if (!inScope.has(c.householdId)) continue;
		for (const d of Object.values(c.decisions ?? {}))
			if (
				d.date >= from &&
				d.date <= to &&
				(d.to === 'nominated' || d.to === 'identified' || d.to === 'released')
			)
				steps[d.to]++;
	}
	const measures = measureTypes.map((type) => ({ type, count: 0, done: 0, funds: 0 }));
	for (const h of households)
		for (const plan of ix.plans(h.id)) {
			if (plan.year !== q.year) continue;
			for (const m of Object.values(plan.measures ?? {})) {
				if (m.status === 'cancelled') continue;
				const row = measures[measureTypes.indexOf(m.type)];
				if (!row) continue;
				row.count++;
				if (m.status === 'done') row.done++;
				row.funds += m.funds ?? 0;
			}
		}
	const before = alertsOn(input, ix, scope, addDays(from, -1));
	const after = alertsOn(input, ix, scope, until);
	let alertsOpened = 0;
	let alertsClosed = 0;
	for (const k of after) if (!before.has(k)) alertsOpened++;
	for (const k of before) if (!after.has(k)) alertsClosed++;
	return {
		pairedHouseholds: paired.length,
		visitsDue: paired.length * perQuarter,
		visitsDone,
		contacts,
		...steps,
		alertsOpened,
		alertsClosed,
		measures: measures.filter((m) => m.count > 0)
	};
}

const SUMMARY_COLUMNS = defineColumns<string>([
	{ key: 'item', header: '项目', width: 28, type: 'text' },
	{ key: 'value', header: '数值', width: 14, type: 'number' },
	{ key: 'note', header: '说明', width: 40, type: 'text' }
]);

const MEASURE_TYPE_COLUMNS = defineColumns<string>([
	{ key: 'type', header: '措施类型', width: 14, type: 'text' },
	{ key: 'count', header: '措施数', width: 10, type: 'int', sum: true },
	{ key: 'done', header: '已完成', width: 10, type: 'int', sum: true },
	{ key: 'funds', header: '资金（元）', width: 14, type: 'money', sum: true }
]);

const NARRATIVE_COLUMNS = defineColumns<string>([
	{ key: 'text', header: '工作情况小结', width: 100, type: 'text' }
]);

/** The headings of the report's text sections (office wording, as the sheets' titles). */
const NARRATIVE_HEADINGS = {
	work: '一、工作开展情况',
	problems: '二、存在问题',
	nextSteps: '三、下步打算'
} as const;

/** A quarter's co-edited text as the report prints it: each written section under its heading. */
export function narrativeText(
	sections: Partial<Record<keyof typeof NARRATIVE_HEADINGS, string | undefined>>
): string {
	const out: string[] = [];
	for (const [key, heading] of Object.entries(NARRATIVE_HEADINGS)) {
		const body = sections[key as keyof typeof NARRATIVE_HEADINGS]?.trim(); // keys of the literal
		if (body) out.push(heading, body);
	}
	return out.join('\n');
}

/**
 * 季度工作报告: the figures sheet, measures by type, and the narrative the team co-edits in
 * the app (one paragraph a row, so long text stays readable in a spreadsheet).
 */
export function quarterlyReport(
	input: ReportInput,
	q: Quarter,
	scope: Scope,
	madeOn: IsoDate,
	narrative = ''
): Table[] {
	const f = quarterlyFigures(input, q, scope, madeOn);
	const base = { unit: unitName(input), period: quarterLabel(q), madeOn };
	const rate = f.visitsDue > 0 ? Math.round((f.visitsDone / f.visitsDue) * 1000) / 10 : 0;
	const summary: Row[] = [
		{ item: '结对帮扶户数', value: f.pairedHouseholds, note: '本季度末有帮扶责任人的户' },
		{ item: '应走访户次', value: f.visitsDue, note: '按走访周期计算' },
		{ item: '已走访户次', value: f.visitsDone, note: '入户走访、家访（每户计至应走访次数）' },
		{ item: '走访完成率（%）', value: rate, note: undefined },
		{ item: '联系总次数', value: f.contacts, note: '走访、家访、电话' },
		{ item: '新增提名/申请', value: f.nominated, note: undefined },
		{ item: '新认定监测对象', value: f.identified, note: undefined },
		{ item: '风险消除', value: f.released, note: undefined },
		{ item: '新增预警', value: f.alertsOpened, note: '季度末存在、季度初不存在的预警' },
		{ item: '已解除预警', value: f.alertsClosed, note: '季度初存在、季度末已不存在的预警' }
	];
	const byType: Row[] = f.measures.map((m) => ({
		type: MEASURE_TYPE[m.type],
		count: m.count,
		done: m.done,
		funds: Math.round(m.funds * 100) / 100
	}));
	const paragraphs = narrative
		.split(/\n+/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((text): Row => ({ text }));
	return [
		{
			...base,
			sheet: '季度报告',
			title: '防止返贫监测帮扶季度工作报告',
			columns: SUMMARY_COLUMNS,
			rows: summary
		},
		{
			...base,
			sheet: '措施分类',
			title: '帮扶措施分类统计',
			columns: MEASURE_TYPE_COLUMNS,
			rows: byType
		},
		{
			...base,
			sheet: '工作小结',
			title: '工作情况小结',
			columns: NARRATIVE_COLUMNS,
			rows: paragraphs
		}
	];
}
