// Rules over a household's monitoring cases and help plans: the procedure's deadlines, the
// data-quality checks of DOMAIN.md, and overdue measures.
import { addDays, addMonths, caseSteps, daysBetween, yearOf, type CaseState } from '$lib/domain';
import { latestPerCapita } from './income';
import type { Alert, HouseholdFacts, Prepared } from './types';

const ENTRY: readonly CaseState[] = ['nominated', 'alerted'];

export function caseRules(f: HouseholdFacts, ctx: Prepared, out: Alert[]): void {
	const { settings: s, today } = ctx;
	const householdId = f.household.id;
	let measures = 0;
	for (const p of f.plans) if (!p.deletedAt) for (const _ in p.measures) measures++;

	for (const c of f.cases) {
		if (c.deletedAt) continue;
		const steps = caseSteps(c.decisions);
		const last = steps.at(-1);
		if (!last) continue;
		const subject = { kind: 'case' as const, id: c.id };
		// Take the latest round: a released case may be taken up again.
		const entryIndex = findLastIndex(steps, (st) => ENTRY.includes(st.to));
		const round = entryIndex >= 0 ? steps.slice(entryIndex) : steps;
		const entered = round[0]?.date;
		const identified = round.find((st) => st.to === 'identified')?.date;
		const released = round.find((st) => st.to === 'released');

		// From the day a risk is found to identification: normally within 15 days.
		if (entered && ENTRY.includes(round[0]!.to)) {
			const limit = s.identificationMaxDays;
			const days = daysBetween(entered, identified ?? today);
			const pending = !identified && last.to !== 'released';
			if (days > limit && (pending || identified)) {
				out.push({
					ruleId: 'CASE-SLOW-ID',
					category: 'data_quality',
					severity: pending ? 'high' : 'low',
					householdId,
					subject,
					figures: { entered, days, limit, dueDate: addDays(entered, limit) }
				});
			}
		}
		// No help measure a month after identification.
		if (identified && !released && measures < s.releaseMinMeasures) {
			const due = addMonths(identified, s.noMeasureAlertMonths);
			if (due < today) {
				out.push({
					ruleId: 'CASE-NO-MEASURE',
					category: 'data_quality',
					severity: 'high',
					householdId,
					subject,
					figures: { identified, dueDate: due, measures }
				});
			}
		}
		if (identified && released) {
			// Released before the minimum time under monitoring.
			const earliest = addMonths(identified, s.releaseMinMonitoredMonths);
			if (released.date < earliest) {
				out.push({
					ruleId: 'CASE-EARLY-RELEASE',
					category: 'data_quality',
					severity: 'medium',
					householdId,
					subject,
					figures: { identified, released: released.date, earliest }
				});
			}
			// Released "through help" while income is still below the line.
			if (released.releaseWay === 'through_help') {
				const pc = latestPerCapita(f.household, yearOf(released.date), s);
				if (pc?.line !== undefined && pc.perCapita < pc.line) {
					out.push({
						ruleId: 'CASE-RELEASE-BELOW-LINE',
						category: 'data_quality',
						severity: 'high',
						householdId,
						subject,
						figures: { year: pc.year, perCapita: pc.perCapita, line: pc.line }
					});
				}
			}
		}
	}

	// Measures past their due date and not done: one alert per household, counting them
	// (a cadre's list shows the household once, not once per measure).
	let overdue = 0;
	let earliest = '';
	for (const p of f.plans) {
		if (p.deletedAt) continue;
		for (const id in p.measures) {
			const m = p.measures[id]!;
			if (m.dueDate && m.dueDate < today && m.status !== 'done' && m.status !== 'cancelled') {
				overdue++;
				if (!earliest || m.dueDate < earliest) earliest = m.dueDate;
			}
		}
	}
	if (overdue > 0) {
		out.push({
			ruleId: 'MEASURE-OVERDUE',
			category: 'cadence',
			severity: 'medium',
			householdId,
			figures: { count: overdue, dueDate: earliest }
		});
	}
}

function findLastIndex<T>(items: readonly T[], pred: (item: T) => boolean): number {
	for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
	return -1;
}
