// The locale switch around Paraglide's generated runtime. Paraglide keeps the choice in
// localStorage (strategy in vite.config.ts); this class makes it reactive so the app
// re-renders without a page reload, and keeps <html lang> true for screen readers and fonts.
import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime.js';
// The domain's words for its codes, not its index: that builds every schema (zod) at load.
import type { ErrorCode, Issue } from '$lib/domain/codes';
import { messageFor } from '$lib/domain/messages';

class I18n {
	#locale = $state<Locale>(getLocale());

	get locale(): Locale {
		return this.#locale;
	}

	get locales(): readonly Locale[] {
		return locales;
	}

	set(locale: Locale): void {
		void setLocale(locale, { reload: false });
		this.#locale = locale;
		this.applyToDocument();
	}

	applyToDocument(): void {
		if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
	}
}

export const i18n = new I18n();

/** Words for a validation code from the domain layer, in the current language. */
export function issueText(code: ErrorCode): string {
	return messageFor(code, i18n.locale);
}

/** The words for the first problem a form's field has (by its top-level path), if any. */
export function fieldError(issues: readonly Issue[], field: string): string | undefined {
	const issue = issues.find((i) => i.path[0] === field);
	return issue && issueText(issue.code);
}

export { zhCollator } from './collator';
