import { z } from 'zod';
import { count, longText, recordId, recordMeta, shortText } from './common';
import { isoDate, pastDate } from './dates';
import { measureTypes } from './plan';
import { schoolAreas } from './enum-values';
export { schoolAreas };

export const pairingKinds = ['school_school', 'member_student', 'member_household'] as const;
export type PairingKind = (typeof pairingKinds)[number];

const perTerm = count.max(100, 'number.too_large');

/** 协议约定: minimum exchanges per term that a school pairing agreement sets. */
export const agreementNorms = z.object({
	principalVisits: perTerm.optional(),
	deptHeadVisits: perTerm.optional(),
	jointMeetings: perTerm.optional(),
	secondedManagers: perTerm.optional()
});
export type AgreementNorms = z.infer<typeof agreementNorms>;
export const NORM_KEYS = [
	'principalVisits',
	'deptHeadVisits',
	'jointMeetings',
	'secondedManagers'
] as const;
export type NormKey = (typeof NORM_KEYS)[number];

/**
 * 结对: who helps whom. `supporterId` is the supporting school or the member; `supportedId`
 * the recipient school, student or household, as `kind` says. A change of helper is a new
 * pairing with its own start date, so the helper history stays readable.
 */
export const pairingFields = z.object({
	kind: z.enum(pairingKinds, { error: 'enum.invalid' }),
	supporterId: recordId,
	supportedId: recordId,
	startDate: isoDate.optional(),
	endDate: isoDate.optional(),
	/** 帮扶协议: co-edited text (Y.Text in the document). */
	agreementText: longText.optional(),
	agreementSignedDate: pastDate.optional(),
	helpAreas: z
		.partialRecord(
			z.enum([...schoolAreas, ...measureTypes], { error: 'enum.invalid' }),
			z.boolean()
		)
		.optional(),
	goals: longText.optional(),
	/** Expected contact cadence; the household default (quarterly) lives in settings. */
	visitEveryMonths: count.max(24, 'number.too_large').optional(),
	/** Member ↔ student: the teacher's commitment (承诺), e.g. "每月谈心一次，每学期家访一次". */
	commitment: shortText.optional(),
	/**
	 * School ↔ school: the agreement's visit norms per term. Unset ones fall back to the
	 * workspace settings (principal ≥ 2, department heads ≥ 3, joint meetings ≥ 2, 1 seconded).
	 */
	norms: agreementNorms.optional(),
	note: shortText.optional()
});

function checkPairing(
	value: { supporterId: string; supportedId: string; startDate?: string; endDate?: string },
	ctx: z.RefinementCtx
) {
	if (value.supporterId === value.supportedId)
		ctx.addIssue({ code: 'custom', message: 'pairing.sides', path: ['supportedId'] });
	if (value.startDate && value.endDate && value.endDate < value.startDate)
		ctx.addIssue({ code: 'custom', message: 'date.order', path: ['endDate'] });
}

export const pairingDraft = pairingFields.superRefine(checkPairing);
export const pairing = recordMeta.extend(pairingFields.shape).superRefine(checkPairing);
export type Pairing = z.infer<typeof pairing>;
