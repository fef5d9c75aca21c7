import { z } from 'zod';
import { blobRef, keyedList, longText, recordId, recordMeta, shortText, itemOrder } from './common';
import { isoDate, pastDate } from './dates';
import { visitKinds, visitSubjectKinds } from './enum-values';
export { visitKinds, visitSubjectKinds };

/** 跟进事项: a follow-up action from a visit. */
export const followUp = z.object({
	order: itemOrder,
	text: shortText,
	ownerId: recordId.optional(),
	dueDate: isoDate.optional(),
	done: z.boolean().optional()
});

/** A checklist answer (排查表): yes/no, a number, or a short note. */
export const checklistAnswer = z.union([z.boolean(), z.number(), shortText]);

/**
 * 走访记录 / 家访记录 / 谈心记录 / 电话记录: one contact with a household, student or school.
 * Stored in the year shard of its date. `notes` is co-edited Y.Text; photos are blobs keyed
 * by their SHA-256, so adding the same photo twice is one photo.
 */
export const visitFields = z.object({
	kind: z.enum(visitKinds, { error: 'enum.invalid' }),
	date: pastDate,
	subjectKind: z.enum(visitSubjectKinds, { error: 'enum.invalid' }),
	subjectId: recordId,
	visitorIds: z.array(recordId).max(50, 'number.too_large').optional(),
	met: shortText.optional(),
	place: shortText.optional(),
	purpose: shortText.optional(),
	/** 谈心 time of day, 'HH:MM'. */
	time: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time.invalid')
		.optional(),
	/** The student's class at the time (谈心记录 carries it). */
	className: shortText.optional(),
	/** 谈话效果: the effect afterwards. */
	effect: shortText.optional(),
	/** 家访: family situation, behaviour at school and home, problems found, parents' views. */
	familySituation: shortText.optional(),
	behaviour: shortText.optional(),
	problems: shortText.optional(),
	parentsViews: shortText.optional(),
	/** 电话: who was called (father, mother, guardian…). */
	calledWhom: shortText.optional(),
	/** Checklist answers by question id. */
	findings: z.record(recordId, checklistAnswer).optional(),
	notes: longText.optional(),
	followUps: keyedList(followUp).optional(),
	photos: z.record(z.string().regex(/^[0-9a-f]{64}$/, 'sha256.invalid'), blobRef).optional()
});
export const visit = recordMeta.extend(visitFields.shape);
export type Visit = z.infer<typeof visit>;
