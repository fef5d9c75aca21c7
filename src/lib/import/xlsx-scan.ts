/**
 * A fast path for the two big parts of an .xlsx, the sheet's <sheetData> and the shared
 * strings: an indexOf scanner over the few shapes Excel, WPS and exceljs write. saxes spent
 * most of the 4.6 s (4× CPU) of reading a 2,000-household roster building an attribute object
 * per cell (docs/benchmarks.md, "Issue 13, round 2"). Every boundary is checked: each tag's
 * name and attributes, each text run's entities, each closing tag. Anything else (a prefixed
 * element, CDATA, a comment, an unknown child) returns undefined and the caller parses the
 * part with saxes instead, which also reports a malformed file.
 */

/** Not a shape this scanner reads: parse the part with the full XML parser instead. */
class Unscannable extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data with its entity and character references resolved. */
export function decodeText(s: string): string {
	if (s.indexOf('&') < 0) return s;
	return s.replace(/&([^;&<]*);|&/g, (m: string, name: string | undefined) => {
		if (name === undefined) throw new Unscannable();
		const named = ENTITIES[name];
		if (named) return named;
		const code = /^#x[0-9a-fA-F]+$/.test(name)
			? parseInt(name.slice(2), 16)
			: /^#[0-9]+$/.test(name)
				? Number(name.slice(1))
				: NaN;
		if (!(code > 0 && code <= 0x10ffff)) throw new Unscannable();
		return String.fromCodePoint(code);
	});
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isNameChar = (c: number) =>
	(c >= 65 && c <= 90) ||
	(c >= 97 && c <= 122) ||
	(c >= 48 && c <= 57) ||
	c === 58 ||
	c === 95 ||
	c === 45 ||
	c === 46;

/**
 * A tag's attribute list (`xml` from `from` to `to`) checked as `(space name = "value")*`,
 * the values of the attributes named in `want` (undefined where absent).
 */
function attributes(xml: string, from: number, to: number, want: readonly string[]) {
	const out: (string | undefined)[] = want.map(() => undefined);
	let i = from;
	for (;;) {
		const spaced = i < to && isSpace(xml.charCodeAt(i));
		while (i < to && isSpace(xml.charCodeAt(i))) i++;
		if (i >= to) return out;
		if (!spaced) throw new Unscannable();
		const name = i;
		while (i < to && isNameChar(xml.charCodeAt(i))) i++;
		if (i === name) throw new Unscannable();
		const key = xml.slice(name, i);
		while (i < to && isSpace(xml.charCodeAt(i))) i++;
		if (xml.charCodeAt(i) !== 61) throw new Unscannable(); // '='
		i++;
		while (i < to && isSpace(xml.charCodeAt(i))) i++;
		const quote = xml.charCodeAt(i);
		if (quote !== 34 && quote !== 39) throw new Unscannable();
		const close = xml.indexOf(quote === 34 ? '"' : "'", i + 1);
		if (close < 0 || close >= to) throw new Unscannable();
		const value = xml.slice(i + 1, close);
		if (value.indexOf('<') >= 0) throw new Unscannable();
		const k = want.indexOf(key);
		if (k >= 0) out[k] = decodeText(value);
		i = close + 1;
	}
}

const NONE: readonly string[] = [];

/** A tag opened at `at` (just past its name): the wanted attributes, its end, if it is empty. */
function tagEnd(xml: string, at: number, want = NONE) {
	const gt = xml.indexOf('>', at);
	if (gt < 0) throw new Unscannable();
	const empty = xml.charCodeAt(gt - 1) === 47; // '/'
	const attrs = attributes(xml, at, empty ? gt - 1 : gt, want);
	return { attrs, end: gt + 1, empty };
}

/** Whether xml at `at` opens `<name` followed by a space, '>' or '/'. */
function opens(xml: string, at: number, name: string): boolean {
	if (!xml.startsWith(name, at + 1) || xml.charCodeAt(at) !== 60) return false;
	const c = xml.charCodeAt(at + 1 + name.length);
	return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

function skipSpace(xml: string, at: number): number {
	let i = at;
	for (let c = xml.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13;)
		c = xml.charCodeAt(++i);
	return i;
}

/** The text of an element whose start tag ended at `at`, up to its `</name>`. */
function textUntil(xml: string, at: number, name: string): { text: string; end: number } {
	const lt = xml.indexOf('<', at);
	if (lt < 0 || !xml.startsWith(`</${name}>`, lt)) throw new Unscannable();
	return { text: decodeText(xml.slice(at, lt)), end: lt + name.length + 3 };
}

/** The plain text of a string item's content (<si> or <is>): its <t> runs, <rPh> left out. */
function itemText(xml: string, from: number, to: number): string {
	let out = '';
	let i = from;
	while (i < to) {
		const lt = xml.indexOf('<', i);
		if (lt < 0 || lt >= to) break;
		if (opens(xml, lt, 't')) {
			const tag = tagEnd(xml, lt + 2);
			if (tag.empty) i = tag.end;
			else {
				const t = textUntil(xml, tag.end, 't');
				out += t.text;
				i = t.end;
			}
		} else if (opens(xml, lt, 'rPh')) {
			const close = xml.indexOf('</rPh>', lt);
			if (close < 0 || close > to) throw new Unscannable();
			i = close + 6;
		} else if (
			/^<\/?(?:r|rPr|rFont|b|i|strike|condense|extend|outline|shadow|u|vertAlign|sz|color|family|charset|scheme|phoneticPr)[\s/>]/.test(
				xml.slice(lt, lt + 14)
			)
		) {
			const gt = xml.indexOf('>', lt);
			if (gt < 0 || gt >= to) throw new Unscannable();
			let n = xml.charCodeAt(lt + 1) === 47 ? lt + 2 : lt + 1;
			while (isNameChar(xml.charCodeAt(n))) n++;
			attributes(xml, n, xml.charCodeAt(gt - 1) === 47 ? gt - 1 : gt, NONE);
			i = gt + 1;
		} else throw new Unscannable();
	}
	return out;
}

/** The shared strings, or undefined when the part is not one this scanner reads. */
export function scanSharedStrings(xml: string): string[] | undefined {
	const out: string[] = [];
	try {
		const sst = xml.indexOf('<sst');
		if (sst < 0 || !opens(xml, sst, 'sst')) return undefined;
		const head = tagEnd(xml, sst + 4);
		if (head.empty) return xml.slice(head.end).trim() === '' ? out : undefined;
		let i = head.end;
		for (;;) {
			i = skipSpace(xml, i);
			if (xml.startsWith('</sst>', i)) return xml.slice(i + 6).trim() === '' ? out : undefined;
			if (!opens(xml, i, 'si')) return undefined;
			const tag = tagEnd(xml, i + 3);
			if (tag.empty) {
				out.push('');
				i = tag.end;
				continue;
			}
			const close = xml.indexOf('</si>', tag.end);
			if (close < 0) return undefined;
			out.push(itemText(xml, tag.end, close));
			i = close + 5;
		}
	} catch (e) {
		if (e instanceof Unscannable) return undefined;
		throw e;
	}
}

/** A cell as the sheet has it: its column (-1: after the previous), type, style and text. */
export type ScannedCell = (col: number, type: string, style: number, value: string) => void;

/** What one <sheetData> holds, row by row; undefined when not a shape this scanner reads. */
export function scanSheetData(
	xml: string,
	row: (r: number | undefined) => void,
	cell: ScannedCell
): { before: string; after: string } | undefined {
	try {
		const start = xml.indexOf('<sheetData');
		if (start < 0 || !opens(xml, start, 'sheetData')) return undefined;
		const head = tagEnd(xml, start + 10);
		if (head.empty) return { before: xml.slice(0, start), after: xml.slice(head.end) };
		let i = head.end;
		for (;;) {
			i = skipSpace(xml, i);
			if (xml.startsWith('</sheetData>', i))
				return { before: xml.slice(0, start), after: xml.slice(i + 12) };
			if (!opens(xml, i, 'row')) return undefined;
			const rt = tagEnd(xml, i + 4, ROW);
			const r = rt.attrs[0];
			row(r === undefined ? undefined : Number(r));
			i = rt.end;
			if (rt.empty) continue;
			for (;;) {
				i = skipSpace(xml, i);
				if (xml.startsWith('</row>', i)) {
					i += 6;
					break;
				}
				if (!opens(xml, i, 'c')) return undefined;
				i = scanCell(xml, i, cell);
			}
		}
	} catch (e) {
		if (e instanceof Unscannable) return undefined;
		throw e;
	}
}

const ROW = ['r'];
const CELL = ['r', 't', 's'];

/** One <c> at `at`; returns where it ends. */
function scanCell(xml: string, at: number, cell: ScannedCell): number {
	const ct = tagEnd(xml, at + 2, CELL);
	const [ref, t, s] = ct.attrs;
	const col = ref === undefined ? -1 : columnOf(ref);
	const type = t ?? 'n';
	const style = Number(s ?? 0);
	if (ct.empty) {
		cell(col, type, style, '');
		return ct.end;
	}
	let value = '';
	let i = ct.end;
	for (;;) {
		i = skipSpace(xml, i);
		if (xml.startsWith('</c>', i)) break;
		if (opens(xml, i, 'v')) {
			const t = tagEnd(xml, i + 2);
			if (t.empty) i = t.end;
			else ({ text: value, end: i } = textUntil(xml, t.end, 'v'));
		} else if (opens(xml, i, 'f')) {
			const t = tagEnd(xml, i + 2);
			i = t.empty ? t.end : textUntil(xml, t.end, 'f').end;
		} else if (opens(xml, i, 'is')) {
			const t = tagEnd(xml, i + 3);
			if (t.empty) i = t.end;
			else {
				const close = xml.indexOf('</is>', t.end);
				if (close < 0) throw new Unscannable();
				value = itemText(xml, t.end, close);
				i = close + 5;
			}
		} else throw new Unscannable();
	}
	cell(col, type, style, value);
	return i + 4;
}

/** Column index (0-based) of a cell reference such as "AB12"; throws on anything else. */
function columnOf(ref: string): number {
	let n = 0;
	let i = 0;
	for (; i < ref.length; i++) {
		const c = ref.charCodeAt(i);
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	if (i === 0 || !/^\d+$/.test(ref.slice(i))) throw new Unscannable();
	return n - 1;
}
