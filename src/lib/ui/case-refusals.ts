// Why a step of a monitoring case was refused: the norm and its figures in one line, through
// the i18n layer. Typed by norm: a norm added to the procedure without its line here fails
// the type check.
import { m } from '$lib/paraglide/messages.js';
import type { Refusal, StepNorm } from '$lib/rules';
import { villageLabel } from './village-enums';

type F = Refusal['figures'];
const s = (f: F, k: string) => String(f[k] ?? '');
const yes = (f: F, k: string) => (f[k] ? m.case_done() : m.case_missing());
const AREAS: Record<string, () => string> = {
	education: m.secure_education,
	medical: m.secure_medical,
	housing: m.secure_housing,
	water: m.secure_water
};

const LINES: Record<StepNorm, (f: F) => string> = {
	'CASE-STEP-ORDER': (f) =>
		m.refuse_step_order({
			from: s(f, 'from') ? villageLabel('caseState', s(f, 'from')) : m.case_no_step(),
			to: villageLabel('caseState', s(f, 'to'))
		}),
	'CASE-STEP-DATE': (f) => m.refuse_step_date({ last: s(f, 'last'), date: s(f, 'date') }),
	'CASE-NOMINATE-SOURCE': () => m.refuse_nominate_source(),
	'CASE-VERIFY-EVIDENCE': (f) =>
		m.refuse_verify_evidence({
			checklist: yes(f, 'checklistDone'),
			authorisation: yes(f, 'authorisationSigned')
		}),
	'CASE-POSTING-SHORT': (f) =>
		m.refuse_posting_short({
			start: s(f, 'start') || '—',
			end: s(f, 'end') || '—',
			days: s(f, 'days'),
			min: s(f, 'min')
		}),
	'CASE-POSTING-OPEN': (f) => m.refuse_posting_open({ end: s(f, 'end'), date: s(f, 'date') }),
	'CASE-ID-NO-RISK': () => m.refuse_id_no_risk(),
	'CASE-HELP-NO-MEASURE': () => m.refuse_help_no_measure(),
	'CASE-RELEASE-WAY': () => m.refuse_release_way(),
	'CASE-EARLY-RELEASE': (f) =>
		m.refuse_early_release({
			identified: s(f, 'identified') || '—',
			earliest: s(f, 'earliest') || '—',
			released: s(f, 'released')
		}),
	'CASE-RELEASE-BELOW-LINE': (f) =>
		m.refuse_release_below_line({
			year: s(f, 'year'),
			perCapita: s(f, 'perCapita'),
			line: s(f, 'line')
		}),
	'CASE-RELEASE-UNSTABLE-INCOME': (f) =>
		s(f, 'stableSince')
			? m.refuse_release_unstable_income({
					months: s(f, 'months'),
					required: s(f, 'required'),
					since: s(f, 'stableSince')
				})
			: m.refuse_release_no_income_check({ months: s(f, 'months'), required: s(f, 'required') }),
	'CASE-RELEASE-NO-MEASURE': (f) =>
		m.refuse_release_no_measure({
			identified: s(f, 'identified') || '—',
			measures: s(f, 'measures'),
			min: s(f, 'min')
		}),
	'CASE-RELEASE-NO-LABOUR': (f) => m.refuse_release_no_labour({ members: s(f, 'members') }),
	'CASE-RELEASE-INSECURE': (f) =>
		m.refuse_release_insecure({
			areas: s(f, 'areas')
				.split(',')
				.map((a) => AREAS[a]?.() ?? a)
				.join('、')
		})
};

/** "[norm id] the reason, with the figures". */
export function refusalLine(r: Refusal): string {
	return `${r.norm}：${LINES[r.norm](r.figures)}`;
}

export function refusalText(r: Refusal): string {
	return LINES[r.norm](r.figures);
}
