import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsxCells, TooManyRows } from './xlsx-cells';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A workbook as Excel/WPS write it, not as exceljs does: inline strings, rich text with
 *  phonetic runs, a custom date format, the 1904 date system, rows without `r`. */
function workbook(sheets: Record<string, string>, opts: { date1904?: boolean } = {}) {
	const names = Object.keys(sheets);
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8('<Types/>'),
		'xl/workbook.xml': strToU8(
			`<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
				`<workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>` +
				names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
				'</sheets></workbook>'
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			'<Relationships>' +
				names
					.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/s${i + 1}.xml"/>`)
					.join('') +
				'</Relationships>'
		),
		'xl/sharedStrings.xml': strToU8(
			`<sst ${NS}><si><t>户主姓名</t></si><si><r><t>王</t></r><r><t>大海</t></r>` +
				'<rPh sb="0" eb="1"><t>wang</t></rPh></si><si><t xml:space="preserve"> A&amp;B </t></si></sst>'
		),
		'xl/styles.xml': strToU8(
			`<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>` +
				'<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>' +
				'<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs></styleSheet>'
		)
	};
	names.forEach((n, i) => {
		files[`xl/worksheets/s${i + 1}.xml`] = strToU8(
			`<worksheet ${NS}><sheetData>${sheets[n]}</sheetData></worksheet>`
		);
	});
	return zipSync(files);
}

describe('readXlsxCells (an .xlsx from Excel or WPS)', () => {
	it('reads shared, rich, inline and formula strings, numbers, booleans, errors and dates', () => {
		const bytes = workbook({
			空表: '',
			花名册:
				'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>' +
				'<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr"><is><t>行内</t></is></c>' +
				'<c r="C3" s="1"><v>45580</v></c><c r="D3" s="2"><v>45580.5</v></c>' +
				'<c r="E3" s="3"><v>1234.5</v></c><c r="F3" t="b"><v>1</v></c>' +
				'<c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="str"><f>A3&amp;"x"</f><v>王大海x</v></c></row>' +
				'<row><c t="s"><v>0</v></c><c><v>7</v></c></row>'
		});
		const sheet = readXlsxCells(bytes, 100);
		expect(sheet?.name).toBe('花名册');
		expect(sheet?.rows[0]).toEqual(['户主姓名', null, ' A&B ']);
		expect(sheet?.rows[1]).toEqual([]);
		expect(sheet?.rows[2]).toEqual([
			'王大海',
			'行内',
			new Date('2024-10-15T00:00:00.000Z'),
			new Date('2024-10-15T12:00:00.000Z'),
			1234.5,
			true,
			null,
			'王大海x'
		]);
		expect(sheet?.rows[3]).toEqual(['户主姓名', 7]);
	});

	it('reads the same cells from a sheet the fast scanner leaves to the XML parser', () => {
		const plain =
			'<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>A&amp;B&#x4E00;</t></is></c></row>' +
			'<row r="2"><c r="A2" s="2"><v>45580</v></c><c r="C2"><v>3</v></c></row>';
		const expected = [
			['王大海', 'A&B一'],
			[new Date('2024-10-15T00:00:00.000Z'), null, 3]
		];
		expect(readXlsxCells(workbook({ a: plain }), 10)?.rows).toEqual(expected);
		// A CDATA value and a comment: not shapes the scanner reads, so saxes reads the sheet.
		const odd = plain
			.replace('<v>3</v>', '<v><![CDATA[3]]></v>')
			.replace('</row>', '<!-- x --></row>');
		expect(readXlsxCells(workbook({ a: odd }), 10)?.rows).toEqual(expected);
		const bad = workbook({ a: plain.replace('&amp;', '&bogus;') });
		expect(() => readXlsxCells(bad, 10)).toThrow();
	});

	it('counts dates from 1904 when the workbook says so', () => {
		const bytes = workbook(
			{ a: '<row r="1"><c r="A1" s="2"><v>0</v></c></row>' },
			{ date1904: true }
		);
		expect(readXlsxCells(bytes, 10)?.rows[0]?.[0]).toEqual(new Date('1904-01-01T00:00:00.000Z'));
	});

	it('stops past the row limit, and throws on a broken file', () => {
		const bytes = workbook({ a: '<row r="11"><c r="A11"><v>1</v></c></row>' });
		expect(() => readXlsxCells(bytes, 10)).toThrow(TooManyRows);
		expect(readXlsxCells(bytes, 11)?.rows).toHaveLength(11);
		expect(() => readXlsxCells(bytes.slice(0, bytes.length - 40), 10)).toThrow();
		const bad = workbook({ a: '<row r="1"><c r="A1"><v>1</v></row>' });
		expect(() => readXlsxCells(bad, 10)).toThrow();
	});

	it('returns the first sheet when none has rows, and nothing without sheets', () => {
		expect(readXlsxCells(workbook({ 一: '', 二: '' }), 10)).toEqual({ name: '一', rows: [] });
		expect(readXlsxCells(workbook({}), 10)).toBeUndefined();
	});
});
