import { z } from 'zod';
import { longText, recordMeta } from './common';

/** The sections of a quarterly report's text, in the order the report prints them. */
export const NARRATIVE_SECTIONS = ['work', 'problems', 'nextSteps'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/** A quarter 'YYYY-Qn'. */
export const quarterKey = z.string().regex(/^\d{4}-Q[1-4]$/, 'type.invalid');

/**
 * 季度报告文字: the text of one quarter's report — 工作开展情况, 存在问题, 下步打算 — co-edited
 * by the work group (each section a Y.Text, so what two people type both stays). One record a
 * quarter with an id from the quarter (`narrativeId`), so two devices starting the same
 * quarter's text apart write into the same record.
 */
export const narrativeFields = z.object({
	period: quarterKey,
	work: longText.optional(),
	problems: longText.optional(),
	nextSteps: longText.optional()
});
export const narrative = recordMeta.extend(narrativeFields.shape);
export type Narrative = z.infer<typeof narrative>;

export function narrativeId(q: { year: number; quarter: number }): string {
	return `narrative-${q.year}-Q${q.quarter}`;
}

export function quarterKeyOf(q: { year: number; quarter: number }): string {
	return `${q.year}-Q${q.quarter}`;
}
