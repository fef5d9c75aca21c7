import { z } from 'zod';
import { phone, recordMeta, requiredText, shortText } from './common';
import { memberRoles, schoolKinds } from './enum-values';
export { memberRoles, schoolKinds };

/** 成员: a person on the team (care team, work group). */
export const memberFields = z.object({
	name: requiredText,
	role: z.enum(memberRoles, { error: 'enum.invalid' }).optional(),
	phone: phone.optional(),
	unit: shortText.optional()
});
export const member = recordMeta.extend(memberFields.shape);
export type Member = z.infer<typeof member>;

/** 学校: a school in a pairing, supporting (甲方) or supported (乙方). */
export const schoolFields = z.object({
	name: requiredText,
	kind: z.enum(schoolKinds, { error: 'enum.invalid' }).optional(),
	county: shortText.optional(),
	township: shortText.optional(),
	address: shortText.optional(),
	contactName: shortText.optional(),
	contactPhone: phone.optional()
});
export const school = recordMeta.extend(schoolFields.shape);
export type School = z.infer<typeof school>;
