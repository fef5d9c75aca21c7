import {
	guardian as guardianSchema,
	studentFields,
	validate,
	type DraftOf,
	type Student
} from '$lib/domain';
import type { RawSheet } from './read';
import {
	checked,
	DuplicateIndex,
	parseRows,
	personFromId,
	type Item,
	type PreviewResult
} from './preview';
import type { ColumnMap } from './mapping';

const STUDENT_KEYS = [
	'name',
	'gender',
	'birthDate',
	'idNumber',
	'ethnicity',
	'className',
	'stage',
	'categories',
	'boarding',
	'health',
	'parentsWhereabouts'
] as const;

/** Students with guardians: one row a student; every row's problems, and duplicates. */
export function previewStudents(
	sheet: RawSheet,
	opts: { existing: readonly Student[]; mapping?: ColumnMap }
): PreviewResult<'student'> {
	const parsed = parseRows(sheet, 'student', opts.mapping);
	if (!parsed.ok) return parsed;
	const { rows, out } = parsed;
	const existing = DuplicateIndex.students(opts.existing);
	const inFile = new DuplicateIndex();
	const items: Item<'student'>[] = [];
	for (const r of rows) {
		personFromId(r, out);
		const v = r.values;
		if (v['name'] === undefined) out.add(r, 'name', 'required');
		const draft: Record<string, unknown> = {};
		for (const k of STUDENT_KEYS) if (v[k] !== undefined) draft[k] = v[k];
		const guardians: Record<string, unknown> = {};
		for (const n of [1, 2] as const) {
			const name = v[`g${n}Name`];
			if (name === undefined) continue;
			const g = validate(guardianSchema, {
				name,
				relation: v[`g${n}Relation`],
				phone: v[`g${n}Phone`],
				idNumber: v[`g${n}IdNumber`],
				order: n
			});
			if (!g.ok) for (const i of g.issues) out.add(r, `g${n}${cap(String(i.path[0]))}`, i.code);
			else guardians[`g${n}`] = g.data;
		}
		if (Object.keys(guardians).length) draft['guardians'] = guardians;
		const student = checked(studentFields, draft, r, out);
		const dupInFile = inFile.find(v['idNumber'], v['name'], v['birthDate']);
		if (dupInFile)
			out.add(
				r,
				v['idNumber'] ? 'idNumber' : 'name',
				'import.duplicate_in_file',
				undefined,
				dupInFile.label
			);
		inFile.add(
			String(r.row),
			`第${r.row}行`,
			v['idNumber'] as string | undefined,
			v['name'] as string | undefined,
			v['birthDate'] as string | undefined
		);
		if (!student) continue;
		const duplicateOf = existing.find(v['idNumber'], v['name'], v['birthDate']);
		items.push({
			rows: [r.row],
			draft: student as DraftOf<'student'>,
			...(duplicateOf ? { duplicateOf } : {})
		});
	}
	return {
		ok: true,
		preview: {
			target: 'student',
			sheetName: sheet.name,
			headerRow: parsed.header,
			headers: parsed.headers,
			mapping: parsed.mapping,
			items,
			problems: out.sorted(),
			rowsRead: rows.length
		}
	};
}

function cap(s: string) {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
