import { beforeAll, describe, expect, it } from 'vitest';
import { buildCountyDataset } from '../../../tests/factories';
import { monitoringLedger, measuresLedger, monthlyLedgers } from './ledgers';
import { toCsv, BOM } from './csv';
import { writeXlsx, HEADER_ROWS } from './xlsx';
import { columnSum } from './table';
import { expectGolden, inputFrom, readXlsx } from './test-helpers';
import type { ReportInput } from './input';

const MADE_ON = '2025-11-09';
let input: ReportInput;

beforeAll(async () => {
	const read = await inputFrom(
		buildCountyDataset(3, { households: 45, perCadre: 15, yearsOfVisits: 1 })
	);
	// The factory's measures carry no funds; give every other one an amount with fen.
	let n = 0;
	const plans = read.plans.map((p) => ({
		...p,
		measures: Object.fromEntries(
			Object.entries(p.measures ?? {}).map(([id, m]) => [
				id,
				++n % 2 ? { ...m, funds: 1000 + n * 12.5 } : m
			])
		)
	}));
	input = { ...read, plans };
});

describe('防止返贫监测排查台账', () => {
	it('has one row per household checked in person in the month, latest visit, sorted', () => {
		const t = monitoringLedger(input, '2025-10', { kind: 'workspace' }, MADE_ON);
		const checked = new Set(
			input.visits
				.filter(
					(v) => v.date.startsWith('2025-10') && (v.kind === 'visit' || v.kind === 'home_visit')
				)
				.map((v) => v.subjectId)
		);
		expect(t.rows).toHaveLength(checked.size);
		expect(t.rows.map((r) => r['seq'])).toEqual(t.rows.map((_, i) => i + 1));
		for (const r of t.rows) expect(String(r['checkedOn'])).toMatch(/^2025-10-\d\d$/);
		const keys = t.rows.map(
			(r) => `${r['township']}|${r['village']}|${r['group']}|${r['headName']}`
		);
		const sorted = [...keys].sort(new Intl.Collator('zh-CN').compare);
		expect(keys).toEqual(sorted);
	});

	it('scopes to a village and to a responsible member', () => {
		const all = monitoringLedger(input, '2025-10', { kind: 'workspace' }, MADE_ON);
		const village = String(all.rows[0]?.['village']);
		const v = monitoringLedger(input, '2025-10', { kind: 'village', village }, MADE_ON);
		expect(v.rows.length).toBeGreaterThan(0);
		expect(v.rows.every((r) => r['village'] === village)).toBe(true);
		const cadre = input.members.find((m) => m.role === 'cadre');
		const mine = monitoringLedger(
			input,
			'2025-10',
			{ kind: 'member', memberId: cadre!.id },
			MADE_ON
		);
		expect(mine.rows.length).toBeGreaterThan(0);
		expect(mine.rows.length).toBeLessThan(all.rows.length);
		expect(mine.rows.every((r) => r['checkedBy'] === cadre!.name)).toBe(true);
	});
});

describe('帮扶措施台账', () => {
	it('lists every measure of the year not cancelled, funds totalled', () => {
		const t = measuresLedger(input, '2025-10', { kind: 'workspace' }, MADE_ON);
		const expected = input.plans
			.filter((p) => p.year === 2025)
			.flatMap((p) => Object.values(p.measures ?? {}))
			.filter((m) => m.status !== 'cancelled');
		expect(t.rows).toHaveLength(expected.length);
		expect(columnSum(t, 'funds')).toBe(expected.reduce((s, m) => s + (m.funds ?? 0), 0));
	});
});

describe('ledger xlsx', () => {
	it('reads back with exceljs: sheets, merged title, headers, typed cells, sums (golden)', async () => {
		const tables = monthlyLedgers(input, '2025-10', { kind: 'workspace' }, MADE_ON);
		const sheets = await readXlsx(await writeXlsx(tables));
		expect(sheets.map((s) => s.name)).toEqual(['排查台账', '帮扶措施台账']);
		const [check, measures] = sheets;
		expect(check!.merges).toEqual(['A1:U1', 'A2:U2']);
		expect(check!.frozen).toEqual({ state: 'frozen', ySplit: HEADER_ROWS });
		expect(check!.rows[0]![0]).toEqual({ t: 'string', v: '防止返贫监测排查台账' });
		expect(check!.rows[1]![0]!.v).toBe(
			`填报单位：${input.settings.name}\u3000\u3000所属期：2025年10月\u3000\u3000制表日期：2025-11-09`
		);
		expect(check!.rows[2]!.map((c) => c.v)).toEqual(tables[0]!.columns.map((c) => c.header));
		const first = check!.rows[3]!;
		const col = (key: string) => tables[0]!.columns.findIndex((c) => c.key === key);
		expect(first[col('checkedOn')]).toMatchObject({ t: 'date', fmt: 'yyyy-mm-dd' });
		expect(String(first[col('checkedOn')]!.v)).toMatch(/^2025-10-\d\dT00:00:00.000Z$/);
		expect(first[col('perCapita')]).toMatchObject({ t: 'number', fmt: '#,##0.00' });
		expect(first[col('size')]).toMatchObject({ t: 'number' });
		const sum = check!.rows.at(-1)!;
		expect(sum[0]!.v).toBe('合计');
		expect(sum[col('size')]).toMatchObject({
			t: 'formula',
			v: {
				formula: `SUM(H4:H${3 + tables[0]!.rows.length})`,
				result: columnSum(tables[0]!, 'size')
			}
		});
		expect(measures!.rows.at(-1)![7]!.v).toMatchObject({ result: columnSum(tables[1]!, 'funds') });
		expect(check!.widths.slice(0, 3)).toEqual([6, 10, 10]);
		expectGolden(
			'monthly-ledgers',
			sheets.map((s) => ({ ...s, rows: [...s.rows.slice(0, 6), s.rows.at(-1)] }))
		);
	});

	it('writes CSV in UTF-8 with a BOM, headers and the 合计 row', () => {
		const t = monitoringLedger(input, '2025-10', { kind: 'workspace' }, MADE_ON);
		const csv = toCsv(t);
		expect(csv.startsWith(BOM)).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines[0]).toBe(t.columns.map((c) => c.header).join(','));
		expect(lines).toHaveLength(t.rows.length + 2);
		expect(lines.at(-1)!.startsWith('合计,')).toBe(true);
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});

	it('keeps a typed "=" at the start of a name as text in CSV', () => {
		const t = {
			...monitoringLedger(input, '2025-10', { kind: 'workspace' }, MADE_ON),
			rows: [{ seq: 1, headName: '=HYPERLINK("x")' }]
		};
		expect(toCsv(t)).toContain(`"'=HYPERLINK(""x"")"`);
	});
});
