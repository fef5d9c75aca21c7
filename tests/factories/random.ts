import { Faker, base, en, zh_CN } from '@faker-js/faker';
import { idNumberCheckChar } from '../../src/lib/domain';

/** A seeded faker in Chinese: same seed, same data, on every machine. */
export function seededFaker(seed: number): Faker {
	const f = new Faker({ locale: [zh_CN, en, base] });
	f.seed(seed);
	return f;
}

export function pick<T>(f: Faker, items: readonly T[]): T {
	return f.helpers.arrayElement(items);
}

/** A Chinese name (family name + given name, no space). */
export function chineseName(f: Faker): string {
	return `${f.person.lastName()}${f.person.firstName()}`;
}

export function mobile(f: Faker): string {
	return `1${pick(f, ['3', '5', '7', '8', '9'])}${f.string.numeric(9)}`;
}

/** A valid 18-character ID number for a birth date (check digit computed). */
export function idNumberFor(f: Faker, region: string, birth: string, female: boolean): string {
	const seq2 = f.string.numeric(2);
	// The 17th digit is odd for men, even for women.
	const gender = String(f.number.int({ min: 0, max: 4 }) * 2 + (female ? 0 : 1));
	const first17 = `${region}${birth.replaceAll('-', '')}${seq2}${gender}`;
	return first17 + idNumberCheckChar(first17);
}

/** A date between two dates (inclusive), as YYYY-MM-DD, from the seeded generator. */
export function dateBetween(f: Faker, from: string, to: string): string {
	const a = Date.parse(`${from}T00:00:00Z`);
	const b = Date.parse(`${to}T00:00:00Z`);
	const ms = a + f.number.int({ min: 0, max: Math.round((b - a) / 86_400_000) }) * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}

/** Deterministic ids (nanoid's alphabet) so two builds with one seed are byte-identical. */
export function idMaker(f: Faker) {
	return (prefix: string) => `${prefix}${f.string.alphanumeric(10)}`;
}

/**
 * The tests' one seeded random source as plain numbers, for fuzz tests: the same generator as
 * the factories (faker's), so a seed means the same thing everywhere.
 */
export function seededRandom(seed: number) {
	const f = seededFaker(seed);
	const int = (n: number) => (n <= 1 ? 0 : f.number.int({ min: 0, max: n - 1 }));
	return {
		/** In [0, 1). */
		next: () => f.number.int({ min: 0, max: 2 ** 32 - 1 }) / 2 ** 32,
		int,
		pick<T>(items: readonly T[]): T | undefined {
			return items[int(items.length)];
		},
		chance(p: number): boolean {
			return f.number.int({ min: 0, max: 2 ** 32 - 1 }) / 2 ** 32 < p;
		}
	};
}
export type SeededRandom = ReturnType<typeof seededRandom>;
