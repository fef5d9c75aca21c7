import type { z } from 'zod';
import { keyedListFields } from './common';
import { member, memberFields, school, schoolFields } from './people';
import { pairing, pairingDraft } from './pairing';
import { student, studentFields } from './student';
import { household, householdFields } from './household';
import { visit, visitFields } from './visit';
import { plan, planFields } from './plan';
import { activity, activityFields, donation, donationFields } from './support';
import { monitoringCase, monitoringCaseDraft } from './monitoring';
import { settings, settingsFields } from './settings';
import { filing, filingFields } from './filing';
import { alertDecision, alertDecisionFields } from './alert-decision';
import { narrative, narrativeFields } from './narrative';

/**
 * Every record kind this version knows, with what the document layer needs: the schema of a
 * stored record, the schema of a draft (what a form submits), which fields are long text
 * (stored as Y.Text) and where the kind lives (`main` document or a yearly shard).
 */
export const KINDS = {
	member: { schema: member, draft: memberFields, texts: [], home: 'main' },
	school: { schema: school, draft: schoolFields, texts: [], home: 'main' },
	pairing: {
		schema: pairing,
		draft: pairingDraft,
		texts: ['agreementText', 'goals'],
		home: 'main'
	},
	student: {
		schema: student,
		draft: studentFields,
		texts: ['academicNotes', 'psychologicalNotes'],
		home: 'main'
	},
	household: { schema: household, draft: householdFields, texts: ['notes'], home: 'main' },
	plan: {
		schema: plan,
		draft: planFields,
		texts: [
			'goals',
			'text',
			'summary',
			'diagnosisKnowledge',
			'diagnosisHabits',
			'diagnosisThinking',
			'diagnosisCauses',
			'parentFeedback'
		],
		home: 'main'
	},
	activity: { schema: activity, draft: activityFields, texts: ['outcome'], home: 'main' },
	donation: { schema: donation, draft: donationFields, texts: [], home: 'main' },
	case: { schema: monitoringCase, draft: monitoringCaseDraft, texts: ['notes'], home: 'main' },
	filing: { schema: filing, draft: filingFields, texts: [], home: 'main' },
	alertDecision: { schema: alertDecision, draft: alertDecisionFields, texts: [], home: 'main' },
	narrative: {
		schema: narrative,
		draft: narrativeFields,
		texts: ['work', 'problems', 'nextSteps'],
		home: 'main'
	},
	settings: { schema: settings, draft: settingsFields.partial(), texts: [], home: 'main' },
	/** Visits are the bulk (tens of thousands a year): one shard per year of their date. */
	visit: { schema: visit, draft: visitFields, texts: ['notes'], home: 'year' }
} as const satisfies Record<
	string,
	{
		schema: z.ZodType;
		draft: z.ZodType;
		texts: readonly string[];
		home: 'main' | 'year';
	}
>;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[]; // keys of a literal object
export type RecordOf<K extends Kind> = z.infer<(typeof KINDS)[K]['schema']>;
export type DraftOf<K extends Kind> = z.input<(typeof KINDS)[K]['draft']>;
export type TextField<K extends Kind> = (typeof KINDS)[K]['texts'][number];

const keyedFields = new Map<string, ReadonlySet<string>>();

/** The keyed lists of a kind (members, measures, follow-ups…); none for unknown kinds. */
export function keyedListsOf(kind: string): ReadonlySet<string> {
	let fields = keyedFields.get(kind);
	if (!fields) {
		fields = isKind(kind) ? keyedListFields(KINDS[kind].schema) : new Set<string>();
		keyedFields.set(kind, fields);
	}
	return fields;
}

export function isKind(name: string): name is Kind {
	return Object.hasOwn(KINDS, name);
}

/** Shard of a yearly-sharded kind: 'visits-2026'. */
export function yearShardName(year: number): string {
	return `visits-${year}`;
}
