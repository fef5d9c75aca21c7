/**
 * How an import field is declared: the one place for the column helpers that the household
 * (`columns.ts`) and student (`columns-students.ts`) fields share, and the fields both have.
 */
import type { ImportCode } from './messages';
import type { RawCell } from './read';
import { choice, date, flags, idText, text, type Parsed } from './values';
import { GENDER_WORDS } from './words';

/** One field an import can fill: the headers that mean it, and how its cells are read. */
export interface FieldDef {
	key: string;
	/** The Chinese label shown in the mapping step (and the header we write ourselves). */
	label: string;
	headers: readonly string[];
	parse: (cell: RawCell) => Parsed<unknown>;
}

export const str = (cell: RawCell): Parsed<string> => ({ ok: true, value: text(cell) });

/** A field read with `parse` (text when not given). */
export const field = (
	key: string,
	label: string,
	headers: readonly string[],
	parse: FieldDef['parse'] = str
): FieldDef => ({ key, label, headers, parse });

/** A field whose cell is one word of `words`; another word is the problem `unknown`. */
export const choiceField = <T extends string>(
	key: string,
	label: string,
	headers: readonly string[],
	words: Record<string, T | null>,
	unknown: ImportCode = 'import.value_unknown'
): FieldDef => field(key, label, headers, (c) => choice(c, words, unknown));

/** A field whose cell holds several words of `words` ("因病、因残"). */
export const flagsField = <T extends string>(
	key: string,
	label: string,
	headers: readonly string[],
	words: Record<string, T | null>,
	unknown: ImportCode = 'import.category_unknown'
): FieldDef => field(key, label, headers, (c) => flags(c, words, unknown));

export const genderField = choiceField('gender', '性别', ['性别'], GENDER_WORDS);
export const birthDateField = field(
	'birthDate',
	'出生日期',
	['出生日期', '出生年月', '出生年月日'],
	date
);
export const ethnicityField = field('ethnicity', '民族', ['民族']);
export const idNumberField = (headers: readonly string[]) =>
	field('idNumber', '身份证号', headers, idText);
