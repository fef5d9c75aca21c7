import { z } from 'zod';
import { recordId, recordMeta, shortText } from './common';
import { pastDate } from './dates';

/**
 * The recurring duties of a work group whose deadlines are rules: the monthly ledger
 * (排查台账 and 帮扶措施台账, due the 10th of the next month), the quarterly report (due the 15th
 * of the quarter's last month), the township's monthly check and the quarterly liaison meeting.
 */
export const filingDuties = [
	'monthly_ledger',
	'quarterly_report',
	'township_check',
	'liaison_meeting'
] as const;
export type FilingDuty = (typeof filingDuties)[number];

/** A month 'YYYY-MM' (ledgers) or a quarter 'YYYY-Qn' (quarterly reports). */
export const filingPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'type.invalid');

/** 报送/工作记录: one duty done — a ledger or report handed in, a check or meeting held. */
export const filingFields = z.object({
	duty: z.enum(filingDuties, { error: 'enum.invalid' }),
	/** For ledgers and reports: the month or quarter they cover. */
	period: filingPeriod.optional(),
	date: pastDate,
	byId: recordId.optional(),
	note: shortText.optional()
});
export const filing = recordMeta.extend(filingFields.shape);
export type Filing = z.infer<typeof filing>;
