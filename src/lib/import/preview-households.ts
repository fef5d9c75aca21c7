import { householdFields, householdMember, type DraftOf, type Household } from '$lib/domain';
import { HOUSEHOLD_LEVEL, INCOME_FIELDS } from './columns';
import type { ColumnMap } from './mapping';
import type { RawSheet } from './read';
import {
	checked,
	DuplicateIndex,
	parseRows,
	personFromId,
	type Collector,
	type DuplicateOf,
	type Item,
	type ParsedRow,
	type PreviewResult
} from './preview';

const MEMBER_KEYS = [
	'name',
	'relation',
	'idNumber',
	'gender',
	'birthDate',
	'ethnicity',
	'education',
	'schooling',
	'outOfSchoolReason',
	'health',
	'labour',
	'workPlace',
	'residentMedical',
	'employeeMedical',
	'seriousIllness',
	'pension'
] as const;

/**
 * The household's own fields. Its members were each validated with `householdMember` as they
 * were read (their problems go to their own rows); validating them again inside the household
 * doubled the preview's validation (docs/benchmarks.md), so they join the draft afterwards.
 */
const WITHOUT_MEMBERS = householdFields.omit({ members: true });

/**
 * Rows to households: by 户编号 when the file has one; else a row whose relation is 户主
 * starts a household and the rows under it are its people; else each row is a household.
 */
function groupRows(rows: ParsedRow[], byNumber: boolean, byRelation: boolean): ParsedRow[][] {
	const groups: ParsedRow[][] = [];
	const index = new Map<string, ParsedRow[]>();
	for (const r of rows) {
		const no = r.values['householdNumber'];
		if (byNumber && typeof no === 'string') {
			let g = index.get(no);
			if (!g) {
				index.set(no, (g = []));
				groups.push(g);
			}
			g.push(r);
		} else if (byNumber || (byRelation && r.values['relation'] !== 'head')) {
			const last = groups.at(-1);
			if (last) last.push(r);
			else groups.push([r]);
		} else groups.push([r]);
	}
	return groups;
}

function householdOf(
	group: ParsedRow[],
	out: Collector,
	opts: { year: number; byRelation: boolean }
): { draft: DraftOf<'household'>; where: ParsedRow } | undefined {
	const first = group[0]!;
	const head = group.find((r) => r.values['relation'] === 'head');
	if (opts.byRelation && !head) out.add(first, 'relation', 'import.no_head');
	const draft: Record<string, unknown> = {};
	const from: Record<string, ParsedRow> = {};
	for (const r of head ? [head, ...group] : group)
		for (const [k, v] of Object.entries(r.values))
			if (
				(HOUSEHOLD_LEVEL.has(k) || INCOME_FIELDS.has(k) || k === 'incomeYear') &&
				draft[k] === undefined
			) {
				draft[k] = v;
				from[k] = r;
			}
	draft['headName'] ??= (head ?? first).values['name'];
	const income: Record<string, unknown> = {};
	for (const k of INCOME_FIELDS) if (draft[k] !== undefined) income[k] = draft[k];
	for (const k of [...INCOME_FIELDS, 'incomeYear']) delete draft[k];
	const year =
		typeof from['incomeYear']?.values['incomeYear'] === 'number'
			? Number(from['incomeYear'].values['incomeYear'])
			: opts.year;
	if (Object.keys(income).length) draft['incomes'] = { [String(year)]: income };
	const members: NonNullable<DraftOf<'household'>['members']> = {};
	group.forEach((r, i) => {
		if (r.values['name'] === undefined) {
			if (r.columns['name'] !== undefined) out.add(r, 'name', 'required');
			return;
		}
		const m: Record<string, unknown> = { order: i + 1 };
		for (const k of MEMBER_KEYS) if (r.values[k] !== undefined) m[k] = r.values[k];
		const ok = checked(householdMember, m, r, out);
		if (ok) members[`m${i + 1}`] = ok;
	});
	// Household-level issues go to the row each value came from (or the first row).
	const where = from['headName'] ?? head ?? first;
	const v = checked(WITHOUT_MEMBERS, draft, where, out, (issues) => {
		for (const i of issues) {
			const field = String(i.path[0] ?? '');
			if (field === 'members') continue;
			const r = from[field] ?? where;
			out.add(
				r,
				field === 'headName' && r.columns['headName'] === undefined ? 'name' : field,
				i.code
			);
		}
	});
	if (!v) return undefined;
	const household: DraftOf<'household'> = Object.keys(members).length ? { ...v, members } : v;
	return { draft: household, where };
}

/** Households with their people: every row's problems, and duplicates of existing files. */
export function previewHouseholds(
	sheet: RawSheet,
	opts: { existing: readonly Household[]; year: number; mapping?: ColumnMap }
): PreviewResult<'household'> {
	const parsed = parseRows(sheet, 'household', opts.mapping);
	if (!parsed.ok) return parsed;
	const { rows, out, mapping } = parsed;
	for (const r of rows) personFromId(r, out);
	const byNumber = mapping.includes('householdNumber');
	const byRelation = mapping.includes('relation');
	const existing = DuplicateIndex.households(opts.existing);
	const seen = new DuplicateIndex();
	const items: Item<'household'>[] = [];
	for (const group of groupRows(rows, byNumber, byRelation)) {
		let duplicateOf: DuplicateOf | undefined;
		for (const r of group) {
			const { idNumber, name, birthDate } = r.values;
			const again = seen.find(idNumber, name, birthDate);
			if (again)
				out.add(
					r,
					idNumber ? 'idNumber' : 'name',
					'import.duplicate_in_file',
					undefined,
					again.label
				);
			seen.add(
				String(r.row),
				`第${r.row}行`,
				idNumber as string,
				name as string,
				birthDate as string
			);
			duplicateOf ??= existing.find(idNumber, name, birthDate);
		}
		const h = householdOf(group, out, { year: opts.year, byRelation });
		if (h)
			items.push({
				rows: group.map((r) => r.row),
				draft: h.draft,
				...(duplicateOf ? { duplicateOf } : {})
			});
	}
	return {
		ok: true,
		preview: {
			target: 'household',
			sheetName: sheet.name,
			headerRow: parsed.header,
			headers: parsed.headers,
			mapping,
			items,
			problems: out.sorted(),
			rowsRead: rows.length
		}
	};
}
