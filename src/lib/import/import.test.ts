import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '$lib/domain';
import type { WorkspaceDocs } from '$lib/doc';
import { openTestDocs } from '$lib/doc/test-helpers';
import { makeHousehold, makeStudent } from '../../../tests/factories';
import { readSpreadsheet } from './read';
import { previewHouseholds } from './preview-households';
import { previewStudents } from './preview-students';
import { commitImport } from './commit';
import { MAX_FILE_BYTES, problemMessage, type ProblemCode } from './messages';
import { bytesOf, csvOf, xlsxOf } from './test-helpers';
import type { Preview } from './preview';

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const HEAD_ID = id('53252519800101123');
const SPOUSE_ID = id('53252519820203124');
const CHILD_ID = id('53252520120304125');

const HEADER = [
	'户编号',
	'乡镇',
	'行政村',
	'姓名',
	'与户主关系',
	'证件号码',
	'出生日期',
	'工资性收入（元）'
];
const good = [
	['H001', '龙朋镇', '石门村', '李国强', '户主', HEAD_ID, '1980-01-01', 36000],
	['H001', '龙朋镇', '石门村', '王秀英', '配偶', SPOUSE_ID, '1982-02-03', undefined],
	['H001', '龙朋镇', '石门村', '李小明', '之子', CHILD_ID, '2012年3月4日', undefined]
];

let docs: WorkspaceDocs;
beforeEach(async () => {
	docs = await openTestDocs();
	docs.main.create('household', makeHousehold(1), { id: 'old1' });
	docs.main.create('student', makeStudent(2), { id: 'stu1' });
});

async function previewOf<K extends 'household' | 'student'>(
	bytes: Uint8Array,
	name: string,
	target: K
): Promise<{ preview?: Preview<K>; code?: string }> {
	const read = await readSpreadsheet(bytes, name);
	if (!read.ok) return { code: read.code };
	const existingH = docs.main.list('household').flatMap((r) => (r.ok ? [r.record] : []));
	const existingS = docs.main.list('student').flatMap((r) => (r.ok ? [r.record] : []));
	const r =
		target === 'household'
			? previewHouseholds(read.sheet, { existing: existingH, year: 2025 })
			: previewStudents(read.sheet, { existing: existingS });
	// The branch above matches `target`, so the preview is of kind K.
	return r.ok ? { preview: r.preview as Preview<K> } : { code: r.code };
}

describe('import: a clean household file', () => {
	it('groups people by 户编号, reads dates and money, commits in one undo step', async () => {
		const before = bytesOf(docs.main.doc);
		const snapshot = JSON.stringify(
			docs.main.list('household', { includeDeleted: true }).map((r) => r.raw)
		);
		const { preview } = await previewOf(
			await xlsxOf([HEADER, ...good], { title: '石门村家庭成员花名册' }),
			'a.xlsx',
			'household'
		);
		expect(preview!.problems).toEqual([]);
		expect(preview!.headerRow).toBe(2);
		expect(preview!.items).toHaveLength(1);
		const draft = preview!.items[0]!.draft;
		expect(draft.headName).toBe('李国强');
		expect(draft.incomes).toEqual({ '2025': { wages: 36000 } });
		expect(
			Object.values(draft.members ?? {}).map((m) => [m.relation, m.birthDate, m.gender])
		).toEqual([
			['head', '1980-01-01', 'male'],
			['spouse', '1982-02-03', 'female'],
			['child', '2012-03-04', 'male']
		]);
		const r = commitImport(docs.main, preview!);
		expect(r).toMatchObject({ ok: true, skipped: 0 });
		expect(docs.main.list('household')).toHaveLength(2);
		expect(docs.undo()).toBe(true);
		// Undoing a creation moves the record to the trash (issue 9: undo never makes anything
		// vanish), so what is listed is exactly what was there before, and the import is in the
		// trash, restorable.
		expect(JSON.stringify(docs.main.list('household').map((r) => r.raw))).toBe(snapshot);
		expect(docs.main.list('household', { includeDeleted: true })).toHaveLength(2);
		expect(bytesOf(docs.main.doc)).not.toEqual(before); // undo is a new change, not time travel
	});

	it('reads the same rows from CSV, with or without BOM, and from GB18030', async () => {
		const rows = [HEADER, ...good];
		for (const bytes of [csvOf(rows), csvOf(rows, false)]) {
			const { preview } = await previewOf(bytes, 'a.csv', 'household');
			expect(preview!.problems).toEqual([]);
			expect(preview!.items[0]!.draft.headName).toBe('李国强');
		}
		const gbk = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'gb18030.csv')));
		const { preview } = await previewOf(gbk, 'gb18030.csv', 'household');
		expect(preview!.problems).toEqual([]);
		expect(preview!.items[0]!.draft).toMatchObject({ headName: '李国强', village: '石门村' });
	});
});

type Case = {
	name: string;
	rows: unknown[][];
	row: number;
	column: string;
	header: string;
	code: ProblemCode;
	message: string;
};

const bad = (i: number, col: number, value: unknown) =>
	good.map((r, j) => (j === i ? r.map((c, k) => (k === col ? value : c)) : r));

const CASES: Case[] = [
	{
		name: 'ID check digit',
		rows: bad(1, 5, SPOUSE_ID.slice(0, 17) + (SPOUSE_ID[17] === '1' ? '2' : '1')),
		row: 3,
		column: 'F',
		header: '证件号码',
		code: 'id_number.checksum',
		message: '身份证号校验位不正确，请核对'
	},
	{
		name: 'ID birth date',
		rows: bad(1, 5, id('53252519821303124')),
		row: 3,
		column: 'F',
		header: '证件号码',
		code: 'id_number.birth_date',
		message: '身份证号中的出生日期无效'
	},
	{
		name: 'ID stored as a number',
		rows: bad(2, 5, Number('532525201203041250') /* what Excel keeps of a typed ID */),
		row: 4,
		column: 'F',
		header: '证件号码',
		code: 'import.id_as_number',
		message: '身份证号被存成了数字，末几位已丢失，请把该列设为“文本”后重新录入'
	},
	{
		name: 'birth date differs from the ID',
		rows: bad(2, 6, '2012-03-05'),
		row: 4,
		column: 'G',
		header: '出生日期',
		code: 'import.id_birth_mismatch',
		message: '身份证号中的出生日期与“出生日期”列不一致'
	},
	{
		name: 'unknown relation',
		rows: bad(1, 4, '表亲'),
		row: 3,
		column: 'E',
		header: '与户主关系',
		code: 'import.relation_unknown',
		message: '无法识别的关系'
	},
	{
		name: 'unparseable date',
		rows: bad(2, 6, '去年春天'),
		row: 4,
		column: 'G',
		header: '出生日期',
		code: 'import.date_unparseable',
		message: '无法识别的日期（可写 2015-03-08 或 2015年3月8日）'
	},
	{
		name: 'unparseable number',
		rows: bad(0, 7, '三万六'),
		row: 2,
		column: 'H',
		header: '工资性收入（元）',
		code: 'import.number_unparseable',
		message: '无法识别的数字'
	},
	{
		name: 'required name empty',
		rows: bad(1, 3, ''),
		row: 3,
		column: 'D',
		header: '姓名',
		code: 'required',
		message: '此项必填'
	},
	{
		name: 'future birth date',
		rows: bad(2, 6, '2099-01-01').map((r, j) =>
			j === 2 ? r.map((c, k) => (k === 5 ? '' : c)) : r
		),
		row: 4,
		column: 'G',
		header: '出生日期',
		code: 'date.future',
		message: '日期不能晚于今天'
	},
	{
		name: 'duplicate inside the file',
		rows: [...good, ['H002', '龙朋镇', '石门村', '李国强', '户主', HEAD_ID, '1980-01-01', 1]],
		row: 5,
		column: 'F',
		header: '证件号码',
		code: 'import.duplicate_in_file',
		message: '与本文件中的另一行重复'
	}
];

describe('import: every row problem names its row, column and words, and nothing is written', () => {
	for (const c of CASES)
		it(c.name, async () => {
			const before = bytesOf(docs.main.doc);
			for (const [bytes, name] of [
				[await xlsxOf([HEADER, ...c.rows]), 'f.xlsx'],
				[csvOf([HEADER, ...c.rows]), 'f.csv']
			] as const) {
				if (
					name.endsWith('.csv') &&
					typeof c.rows.flat().find((v) => typeof v === 'number' && v > 1e15) === 'number'
				)
					continue;
				const { preview } = await previewOf(bytes, name, 'household');
				expect(
					preview!.problems.map(({ row, column, header, code }) => ({ row, column, header, code }))
				).toEqual([{ row: c.row, column: c.column, header: c.header, code: c.code }]);
				expect(problemMessage(c.code)).toBe(c.message);
				expect(commitImport(docs.main, preview!)).toEqual({
					ok: false,
					code: 'import.has_problems'
				});
			}
			expect(bytesOf(docs.main.doc)).toEqual(before);
		});

	it('unknown category in a student list', async () => {
		const before = bytesOf(docs.main.doc);
		const { preview } = await previewOf(
			await xlsxOf([
				['学生姓名', '性别', '出生日期', '类别', '监护人姓名', '监护人关系', '监护人电话'],
				['张小花', '女', '2014-05-06', '留守儿童、外星人', '张奶奶', '奶奶', '13812345678']
			]),
			's.xlsx',
			'student'
		);
		expect(preview!.problems).toEqual([
			{
				row: 2,
				column: 'D',
				header: '类别',
				field: 'categories',
				code: 'import.category_unknown',
				value: '留守儿童、外星人'
			}
		]);
		expect(problemMessage('import.category_unknown')).toBe('无法识别的类别');
		expect(commitImport(docs.main, preview!).ok).toBe(false);
		expect(bytesOf(docs.main.doc)).toEqual(before);
	});
});

describe('import: files that are not a usable spreadsheet change nothing', () => {
	const valid = () => xlsxOf([HEADER, ...good]);
	const FILES: [string, () => Promise<Uint8Array> | Uint8Array, string, ProblemCode, string][] = [
		['empty', () => new Uint8Array(), 'a.xlsx', 'file.empty', '文件是空的，没有任何内容'],
		[
			'password-protected',
			() => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'password.xlsx'))),
			'p.xlsx',
			'file.password',
			'文件设置了密码，请在 Excel/WPS 中取消密码后另存再导入'
		],
		[
			'old .xls',
			() =>
				new Uint8Array([
					0xd0,
					0xcf,
					0x11,
					0xe0,
					0xa1,
					0xb1,
					0x1a,
					0xe1,
					...new Array(1000).fill(0)
				]),
			'a.xls',
			'file.legacy_xls',
			'这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后再导入'
		],
		[
			'truncated xlsx',
			async () => (await valid()).slice(0, 3000),
			'a.xlsx',
			'file.malformed',
			'文件已损坏或不完整，无法读取'
		],
		[
			'huge',
			() => new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41),
			'a.csv',
			'file.too_large',
			'文件超过 10 MB，请分成几个文件导入'
		],
		[
			'a PNG image',
			() =>
				new Uint8Array([
					0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
				]),
			'photo.png',
			'file.not_spreadsheet',
			'这不是表格文件，请选择 .xlsx 或 .csv 文件'
		],
		[
			'a zip that is no workbook',
			() =>
				new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('word/document.xml')]),
			'a.docx',
			'file.not_spreadsheet',
			'这不是表格文件，请选择 .xlsx 或 .csv 文件'
		],
		[
			'no header',
			() =>
				csvOf([
					['a', 'b'],
					['1', '2']
				]),
			'a.csv',
			'file.no_header',
			'没有找到表头（如“姓名”“身份证号”），请检查第一张工作表'
		],
		['header only', () => xlsxOf([HEADER]), 'a.xlsx', 'file.no_rows', '表格中除表头外没有数据']
	];
	for (const [name, make, file, code, message] of FILES)
		it(name, async () => {
			const before = bytesOf(docs.main.doc);
			expect(await previewOf(await make(), file, 'household')).toEqual({ code });
			expect(problemMessage(code)).toBe(message);
			expect(bytesOf(docs.main.doc)).toEqual(before);
		});
});

describe('import: duplicates of existing records', () => {
	it('finds them by ID number or name + birth date; skip leaves them, merge fills them', async () => {
		const old = docs.main.get('household', 'old1');
		if (!old?.ok) throw new Error('seed');
		const head = Object.values(old.record.members ?? {})[0]!;
		const rows = [
			HEADER,
			['X9', '龙朋镇', '石门村', head.name, '户主', head.idNumber, head.birthDate, 12000],
			['X9', '龙朋镇', '石门村', '新成员', '之女', '', '2019-06-01', '']
		];
		const { preview } = await previewOf(await xlsxOf(rows), 'd.xlsx', 'household');
		expect(preview!.problems).toEqual([]);
		expect(preview!.items[0]!.duplicateOf).toMatchObject({ id: 'old1', by: 'id_number' });
		const before = bytesOf(docs.main.doc);
		expect(commitImport(docs.main, preview!)).toEqual({
			ok: true,
			created: [],
			merged: [],
			skipped: 1
		});
		expect(docs.main.list('household')).toHaveLength(1);
		expect(commitImport(docs.main, preview!, { 0: 'merge' })).toEqual({
			ok: true,
			created: [],
			merged: ['old1'],
			skipped: 0
		});
		const merged = docs.main.get('household', 'old1');
		expect(merged?.ok && Object.values(merged.record.members ?? {}).map((m) => m.name)).toEqual([
			head.name,
			'新成员'
		]);
		expect(merged?.ok && merged.record.incomes?.['2025']?.wages).toBe(12000);
		expect(docs.undo()).toBe(true);
		expect(JSON.stringify(docs.main.get('household', 'old1')?.raw)).toBe(JSON.stringify(old.raw));
		expect(before.length).toBeGreaterThan(0);
	});

	it('students: a list with guardians imports, and a known student is found by name + birth date', async () => {
		const known = docs.main.get('student', 'stu1');
		if (!known?.ok) throw new Error('seed');
		const rows = [
			[
				'序号',
				'学生姓名',
				'性别',
				'出生日期',
				'班级',
				'类别',
				'监护人姓名',
				'监护人关系',
				'监护人电话',
				'父母务工地'
			],
			[
				1,
				'王小雨',
				'女',
				'2014-09-01',
				'三年级',
				'留守儿童',
				'王奶奶',
				'奶奶',
				'13812345678',
				'浙江宁波'
			],
			[2, known.record.name, '', known.record.birthDate, '四年级', '', '', '', '', '']
		];
		const { preview } = await previewOf(await xlsxOf(rows), 's.xlsx', 'student');
		expect(preview!.problems).toEqual([]);
		expect(preview!.items[0]!.draft).toMatchObject({
			name: '王小雨',
			gender: 'female',
			categories: { left_behind: true },
			guardians: { g1: { name: '王奶奶', relation: 'grandmother', phone: '13812345678' } }
		});
		expect(preview!.items[1]!.duplicateOf).toMatchObject({ id: 'stu1', by: 'name_birth' });
		const r = commitImport(docs.main, preview!);
		expect(r).toMatchObject({ ok: true, skipped: 1 });
		expect(docs.main.list('student')).toHaveLength(2);
	});
});
