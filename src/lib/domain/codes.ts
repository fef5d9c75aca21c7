import type { z } from 'zod';

/**
 * Every validation failure is reported as one of these codes, never as prose: the UI turns
 * a code into words through `messages.ts` (zh-CN first, English second). Adding a code here
 * without a message in both languages fails the type check of `messages.ts`.
 */
export const ERROR_CODES = [
	'required',
	'type.invalid',
	'enum.invalid',
	'string.empty',
	'string.too_long',
	'number.not_integer',
	'number.too_small',
	'number.too_large',
	'date.invalid',
	'date.future',
	'time.invalid',
	'date.order',
	'date.shard_year',
	'datetime.invalid',
	'year.invalid',
	'id.invalid',
	'id_number.length',
	'id_number.format',
	'id_number.birth_date',
	'id_number.checksum',
	'phone.invalid',
	'income.negative',
	'expense.negative',
	'amount.negative',
	'quantity.negative',
	'percent.range',
	'disability.grade',
	'sha256.invalid',
	'shard.invalid',
	'pairing.sides',
	'pairing.none',
	'money.fen',
	'range.order',
	'case.transition',
	'case.decision_order',
	'record.missing',
	'record.deleted',
	'record.damaged',
	'item.missing',
	'field.not_editable',
	'doc.newer_version',
	'doc.read_only',
	'unknown'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: string): value is ErrorCode {
	return CODE_SET.has(value);
}

/** One validation problem: where (path into the record) and what (a code for messages.ts). */
export interface Issue {
	path: (string | number)[];
	code: ErrorCode;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; issues: Issue[] };

/**
 * Parses `input` with `schema` and returns codes. `reportInput` lets us tell a missing value
 * ('required') from a wrong one: zod 4 leaves the input out of issues unless asked.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
	const r = schema.safeParse(input, { reportInput: true });
	return r.success ? { ok: true, data: r.data } : { ok: false, issues: toIssues(r.error) };
}

/**
 * zod reports its own issue kinds; our schemas put a code into `error` for domain checks.
 * This maps both to our codes so no caller ever sees zod's English text.
 */
export function toIssues(error: z.core.$ZodError): Issue[] {
	return error.issues.map((issue) => ({
		path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
		code: codeOf(issue)
	}));
}

function codeOf(issue: z.core.$ZodIssue): ErrorCode {
	// A missing value is 'required' even where the schema names a code for a wrong value.
	// (zod 4 reports a non-integer as invalid_type expecting 'int', without the input.)
	if (issue.code === 'invalid_type' && issue.input === undefined && issue.expected !== 'int')
		return 'required';
	if (isErrorCode(issue.message)) return issue.message;
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined ? 'required' : 'type.invalid';
		case 'invalid_value':
			return 'enum.invalid';
		case 'too_small':
			if (issue.origin === 'string') return 'string.empty';
			return 'number.too_small';
		case 'too_big':
			if (issue.origin === 'string') return 'string.too_long';
			return 'number.too_large';
		case 'invalid_format':
			return 'type.invalid';
		case 'invalid_union':
			return 'type.invalid';
		case 'unrecognized_keys':
			// Only closed key sets (flags maps like categories/policies) report this.
			return 'enum.invalid';
		case 'invalid_key': {
			// A bad key of a record/map: the key schema's own code says why (id, year, enum).
			const inner = issue.issues[0];
			return inner ? codeOf(inner) : 'enum.invalid';
		}
		case 'invalid_element': {
			const inner = issue.issues[0];
			return inner ? codeOf(inner) : 'type.invalid';
		}
		default:
			return 'unknown';
	}
}
