/**
 * The fixed parts of the .xlsx that `xlsx.ts` writes: content types, relationships, document
 * properties, the workbook and the one style sheet every report shares. Style indexes (`XF`)
 * are fixed here so that the sheet writer only names them.
 */
import type { ColumnType } from './table';

export const FONT = 'SimSun';

/** Number formats: Excel's built-in ids where it has one, ours from 164. */
export const FORMATS: Record<ColumnType, { id: number; code: string }> = {
	text: { id: 49, code: '@' },
	int: { id: 1, code: '0' },
	number: { id: 164, code: '0.##' },
	money: { id: 4, code: '#,##0.00' },
	date: { id: 165, code: 'yyyy-mm-dd' },
	percent: { id: 166, code: '0.0%' }
};

const TYPES = Object.keys(FORMATS) as ColumnType[];

/** cellXfs indexes: 0 default, then title, subtitle, header, and per column type data and sum. */
export const XF = {
	title: 1,
	subtitle: 2,
	header: 3,
	/** The 合计 row's cells outside a summed column. */
	sumPlain: 4,
	data: (t: ColumnType) => 5 + TYPES.indexOf(t) * 2,
	sum: (t: ColumnType) => 6 + TYPES.indexOf(t) * 2
};

/** Text for XML content and attribute values; characters XML 1.0 cannot hold are dropped. */
export function esc(s: string): string {
	// eslint-disable-next-line no-control-regex
	const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
	return /[&<>"]/.test(clean)
		? clean
				.replace(/&/g, '&amp;')
				.replace(/</g, '&lt;')
				.replace(/>/g, '&gt;')
				.replace(/"/g, '&quot;')
		: clean;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function contentTypes(sheets: number): string {
	const ct = 'application/vnd.openxmlformats-officedocument';
	let s = '';
	for (let i = 1; i <= sheets; i++)
		s += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`;
	return (
		XML +
		'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
		'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
		'<Default Extension="xml" ContentType="application/xml"/>' +
		`<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
		s +
		`<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
		'<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
		`<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
		'</Types>'
	);
}

export function rootRels(): string {
	return (
		XML +
		`<Relationships xmlns="${PKG_REL}">` +
		`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
		'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
		`<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
		'</Relationships>'
	);
}

export function coreProps(creator: string, created: string): string {
	return (
		XML +
		'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
		'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
		'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		`<dc:creator>${esc(creator)}</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
		'</cp:coreProperties>'
	);
}

export function appProps(): string {
	return (
		XML +
		'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
		'<Application>Bangfu</Application></Properties>'
	);
}

/** The workbook: its sheets in order, each one's header row printed on every page. */
export function workbookXml(names: readonly string[]): string {
	const sheets = names
		.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
		.join('');
	const titles = names
		.map(
			(n, i) =>
				`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(n.replace(/'/g, "''"))}'!$3:$3</definedName>`
		)
		.join('');
	return (
		XML +
		`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews>` +
		`<sheets>${sheets}</sheets><definedNames>${titles}</definedNames>` +
		// Totals are formulas with their result stored; ask Excel/WPS to recalculate on open too.
		'<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>'
	);
}

export function workbookRels(sheets: number): string {
	let s = '';
	for (let i = 1; i <= sheets; i++)
		s += `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
	return (
		XML +
		`<Relationships xmlns="${PKG_REL}">${s}` +
		`<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId${sheets + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
		'</Relationships>'
	);
}

const font = (size: number, bold = false) =>
	`<font>${bold ? '<b/>' : ''}<sz val="${size}"/><name val="${FONT}"/><family val="3"/><charset val="134"/></font>`;

const xf = (numFmt: number, fontId: number, fill: number, border: number, align: string) =>
	`<xf numFmtId="${numFmt}" fontId="${fontId}" fillId="${fill}" borderId="${border}" xfId="0"` +
	`${numFmt ? ' applyNumberFormat="1"' : ''} applyFont="1"${fill ? ' applyFill="1"' : ''}` +
	`${border ? ' applyBorder="1"' : ''} applyAlignment="1"><alignment ${align}/></xf>`;

/** Fonts: 0 default, 1 title, 2 body, 3 header, 4 total. Fill 2 the header's grey. */
export function stylesXml(): string {
	const custom = TYPES.map((t) => FORMATS[t]).filter((f) => f.id >= 164);
	const mid = 'vertical="center"';
	const cells = [
		'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
		xf(0, 1, 0, 0, `horizontal="center" ${mid}`),
		xf(0, 2, 0, 0, `horizontal="left" ${mid}`),
		xf(0, 3, 2, 1, `horizontal="center" ${mid} wrapText="1"`),
		xf(0, 4, 0, 1, mid),
		...TYPES.flatMap((t) => [
			xf(FORMATS[t].id, 2, 0, 1, t === 'text' ? `${mid} wrapText="1"` : mid),
			xf(FORMATS[t].id, 4, 0, 1, mid)
		])
	];
	const thin = '<left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/>';
	return (
		XML +
		`<styleSheet xmlns="${MAIN}">` +
		`<numFmts count="${custom.length}">` +
		custom.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join('') +
		'</numFmts>' +
		`<fonts count="5"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`${font(16, true)}${font(10)}${font(11, true)}${font(10, true)}</fonts>` +
		'<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
		'<fill><patternFill patternType="solid"><fgColor rgb="FFEFEFEF"/><bgColor indexed="64"/></patternFill></fill></fills>' +
		`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}<diagonal/></border></borders>` +
		'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
		`<cellXfs count="${cells.length}">${cells.join('')}</cellXfs>` +
		'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
		'<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
	);
}

export function sharedStringsXml(strings: readonly string[]): string {
	let s = '';
	for (const t of strings) {
		const e = esc(t);
		s += e !== e.trim() ? `<si><t xml:space="preserve">${e}</t></si>` : `<si><t>${e}</t></si>`;
	}
	return (
		XML +
		`<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${s}</sst>`
	);
}
