import { z } from 'zod';
import { isoDateTime } from './dates';

/**
 * Record and list-item ids: nanoid's URL-safe alphabet (or a year like '2026' for lists keyed
 * by year). Never '/', which the document layer uses as its path separator.
 */
export const recordId = z
	.string({ error: 'id.invalid' })
	.regex(/^[A-Za-z0-9_-]{1,64}$/, 'id.invalid');

/**
 * Who did something: the person's name as they typed it and the device's id ("张老师 · d-x1"),
 * or the device id alone before a name is set. Free text, never a record id: a Chinese name
 * must never make a record invalid (issue 9 #1).
 */
export const actorId = z
	.string({ error: 'type.invalid' })
	.min(1, 'required')
	.max(300, 'string.too_long');

const ACTOR_SEP = ' · ';

/** The actor stamped on a write: the person's name and this device's id. */
export function formatActor(name: string, deviceId: string): string {
	const n = name.trim();
	return n ? `${n}${ACTOR_SEP}${deviceId}` : deviceId;
}

/** The name part of an actor, for display ("张老师"); the whole string when it has none. */
export function actorName(actor: string): string {
	const i = actor.lastIndexOf(ACTOR_SEP);
	return i > 0 ? actor.slice(0, i) : actor;
}

/** Bookkeeping every stored record carries; written by the document layer, not by forms. */
export const recordMeta = z.object({
	id: recordId,
	createdAt: isoDateTime,
	createdBy: actorId,
	updatedAt: isoDateTime,
	updatedBy: actorId,
	/** Soft delete: the record stays (and still merges) until restored or purged. */
	deletedAt: isoDateTime.optional(),
	deletedBy: actorId.optional()
});
export type RecordMeta = z.infer<typeof recordMeta>;
export const META_FIELDS = [
	'id',
	'createdAt',
	'createdBy',
	'updatedAt',
	'updatedBy',
	'deletedAt',
	'deletedBy'
] as const;

export const shortText = z.string().max(200, 'string.too_long');
export const requiredText = z.string({ error: 'required' }).trim().min(1, 'required').max(200);
/** Long free text; stored as Y.Text by the document layer so co-editing merges by character. */
export const longText = z.string().max(100_000, 'string.too_long');

/** Money in yuan (元); may carry fen, never less (rules compare in fen, exactly). */
export function yuan(negativeCode: 'income.negative' | 'expense.negative' | 'amount.negative') {
	return z
		.number({ error: 'type.invalid' })
		.finite('type.invalid')
		.min(0, negativeCode)
		.max(1e9, 'number.too_large')
		.refine(isWholeFen, { message: 'money.fen' });
}

/** Whether a yuan amount is a whole number of fen (12.34 yes, 12.345 no; float noise ignored). */
export function isWholeFen(yuan: number): boolean {
	const fen = yuan * 100;
	return Math.abs(fen - Math.round(fen)) < 1e-6;
}

/** Mainland mobile (1xx xxxx xxxx) or a landline with area code, spaces and dashes allowed. */
export const phone = z
	.string({ error: 'phone.invalid' })
	.trim()
	.refine((v) => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(v.replace(/[\s]/g, '')), {
		message: 'phone.invalid'
	});

/** Photos and signed scans are blobs addressed by their SHA-256 (hex), stored outside the doc. */
export const sha256 = z
	.string({ error: 'sha256.invalid' })
	.regex(/^[0-9a-f]{64}$/, 'sha256.invalid');

export const blobRef = z.object({
	sha256,
	mime: z.string().max(100).optional(),
	caption: shortText.optional()
});
export type BlobRef = z.infer<typeof blobRef>;

/**
 * A keyed list: items live under their own id, so two people adding an item offline get two
 * items (never one overwriting the other) and removing one never removes another.
 * `order` sorts the items for display; ties fall back to the id.
 */
export function keyedList<T extends z.ZodType>(item: T) {
	const list = z.record(recordId, item);
	keyedLists.add(list);
	return list;
}

/** Every schema made by keyedList (a year-keyed record such as incomes is not one). */
const keyedLists = new WeakSet<z.ZodType>();

/**
 * The fields of an object schema that are keyed lists. Their items exist only as added (in
 * the base or by an item's own patch), never by a field edit alone; the document layer reads
 * an edit under an item that is not there as nothing.
 */
export function keyedListFields(schema: z.ZodType): Set<string> {
	const out = new Set<string>();
	if (!(schema instanceof z.ZodObject)) return out;
	for (const [field, type] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
		const inner = type instanceof z.ZodOptional ? (type.unwrap() as z.ZodType) : type;
		if (keyedLists.has(inner)) out.add(field);
	}
	return out;
}

/** Every keyed-list item carries this (display order; ties fall back to the id). */
export const itemOrder = z.number().finite().optional();

/** Items of a keyed list in display order. */
export function sortedItems<T extends { order?: number | undefined }>(
	list: Record<string, T> | undefined
): (T & { id: string })[] {
	return Object.entries(list ?? {})
		.map(([id, item]) => ({ ...item, id }))
		.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const gender = z.enum(['male', 'female'], { error: 'enum.invalid' });
export const percent = z.number().min(0, 'percent.range').max(100, 'percent.range');
export const count = z.number().int('number.not_integer').min(0, 'number.too_small');
