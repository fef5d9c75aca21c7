import { caseSteps, type CaseState, type IsoDate } from '$lib/domain';
import { collator } from './ledgers';
import { unitName, type ReportInput } from './input';
import { defineColumns, type Table } from './table';

/**
 * One line of a village posting (公示). These five fields are all a posting may show: the
 * type has no ID number, phone, bank account or health field, and `postingRow` copies field
 * by field, so nothing else of a household can reach the sheet (PIPL; DOMAIN.md).
 */
export interface PostingRow {
	readonly seq: number;
	readonly headName: string;
	readonly group: string;
	readonly decision: string;
	readonly decisionDate: IsoDate;
}

export const POSTING_FIELDS = [
	'seq',
	'headName',
	'group',
	'decision',
	'decisionDate'
] as const satisfies readonly (keyof PostingRow)[];

const POSTED: Partial<Record<CaseState, string>> = {
	verified: '拟纳入防止返贫监测对象',
	identified: '纳入防止返贫监测对象',
	released: '风险消除'
};

const RELEASE_WAY = { through_help: '帮扶消除', natural: '自然消除' } as const;

/**
 * Defence in depth for names typed into the wrong box: any run of digits long enough to be an
 * ID number (15/18), a mobile (11) or a bank card (16–19) is masked before it is posted.
 */
export function redactNumbers(text: string): string {
	return text.replace(/\d[\d\s-]{9,}[\dXx]/g, (run) =>
		run.replace(/[\s-]/g, '').length >= 11 ? '＊＊＊' : run
	);
}

function postingRow(seq: number, r: Omit<PostingRow, 'seq'>): PostingRow {
	return {
		seq,
		headName: redactNumbers(r.headName),
		group: redactNumbers(r.group),
		decision: r.decision,
		decisionDate: r.decisionDate
	};
}

export const POSTING_COLUMNS = defineColumns<(typeof POSTING_FIELDS)[number]>([
	{ key: 'seq', header: '序号', width: 6, type: 'int' },
	{ key: 'headName', header: '户主姓名', width: 12, type: 'text' },
	{ key: 'group', header: '村民小组', width: 10, type: 'text' },
	{ key: 'decision', header: '公示事项', width: 30, type: 'text' },
	{ key: 'decisionDate', header: '决定日期', width: 12, type: 'date' }
]);

/** The posting rows of one village: case steps to post dated within [from, to]. */
export function postingRows(
	input: ReportInput,
	village: string,
	from: IsoDate,
	to: IsoDate
): PostingRow[] {
	const households = new Map(
		input.households.filter((h) => (h.village ?? '') === village).map((h) => [h.id, h])
	);
	const found: Omit<PostingRow, 'seq'>[] = [];
	for (const c of input.cases) {
		const h = households.get(c.householdId);
		if (!h) continue;
		for (const step of caseSteps(c.decisions)) {
			const what = POSTED[step.to];
			if (!what || step.date < from || step.date > to) continue;
			const way =
				step.to === 'released' && step.releaseWay ? `（${RELEASE_WAY[step.releaseWay]}）` : '';
			found.push({
				headName: h.headName,
				group: h.group ?? '',
				decision: what + way,
				decisionDate: step.date
			});
		}
	}
	found.sort(
		(a, b) =>
			collator.compare(a.group, b.group) ||
			collator.compare(a.headName, b.headName) ||
			(a.decisionDate < b.decisionDate ? -1 : 1)
	);
	return found.map((r, i) => postingRow(i + 1, r));
}

/** 公示名单 for a village, as a table for the writers. */
export function postingList(
	input: ReportInput,
	village: string,
	from: IsoDate,
	to: IsoDate,
	madeOn: IsoDate,
	period: string
): Table<(typeof POSTING_FIELDS)[number]> {
	return {
		sheet: '公示名单',
		title: `${village}防止返贫监测对象公示名单`,
		unit: unitName(input),
		period,
		madeOn,
		columns: POSTING_COLUMNS,
		rows: postingRows(input, village, from, to)
	};
}
