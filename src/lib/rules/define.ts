import type { z } from 'zod';
import type {
	AlertCategory,
	AlertItem,
	AlertSubject,
	Prepared,
	RuleScope,
	ScopeFacts,
	SettingKey,
	Severity
} from './types';

/** What a rule's evaluation reports: its figures, and optionally the part and a severity. */
export interface Finding<F> {
	figures: F;
	item?: AlertItem;
	severity?: Severity;
	/** Defaults to the scope's own record (the household, the case…). */
	subject?: AlertSubject;
}

/**
 * One rule of the registry. `figures` is the schema of what it reports (the alert line and
 * the tests read them typed); `settings` lists every setting it reads, so the settings screen
 * can say which rules a threshold moves and docs/rules.md can be checked against it.
 */
export interface RuleDef<
	Id extends string = string,
	S extends RuleScope = RuleScope,
	F extends z.ZodType = z.ZodType
> {
	id: Id;
	category: AlertCategory;
	scope: S;
	severity: Severity;
	settings: readonly SettingKey[];
	figures: F;
	evaluate(facts: ScopeFacts[S], ctx: Prepared, report: (f: Finding<z.output<F>>) => void): void;
}

/** Declares a rule with its literal id and typed figures. */
export function defineRule<const Id extends string, S extends RuleScope, F extends z.ZodType>(
	def: RuleDef<Id, S, F>
): RuleDef<Id, S, F> {
	return def;
}
