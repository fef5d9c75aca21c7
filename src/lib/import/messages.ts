import { MESSAGES as DOMAIN_MESSAGES, type ErrorCode, type Locale } from '$lib/domain';

/**
 * Import's own codes, worded like the domain's code table (`domain/messages.ts`): a code
 * cannot ship without both languages. Field problems reuse the domain's codes.
 */
export const IMPORT_CODES = [
	'file.empty',
	'file.too_large',
	'file.too_many_rows',
	'file.password',
	'file.legacy_xls',
	'file.malformed',
	'file.not_spreadsheet',
	'file.no_header',
	'file.no_rows',
	'import.relation_unknown',
	'import.category_unknown',
	'import.value_unknown',
	'import.date_unparseable',
	'import.number_unparseable',
	'import.id_as_number',
	'import.id_birth_mismatch',
	'import.duplicate_existing',
	'import.duplicate_in_file',
	'import.no_head',
	'import.has_problems',
	'import.write_failed'
] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];
export type ProblemCode = ImportCode | ErrorCode;

/** Limits a phone can parse in a few seconds; a county's 8,000 people is well inside. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;

const IMPORT_MESSAGES: Record<Locale, Record<ImportCode, string>> = {
	'zh-CN': {
		'file.empty': '文件是空的，没有任何内容',
		'file.too_large': '文件超过 10 MB，请分成几个文件导入',
		'file.too_many_rows': '文件超过 20000 行，请分成几个文件导入',
		'file.password': '文件设置了密码，请在 Excel/WPS 中取消密码后另存再导入',
		'file.legacy_xls': '这是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后再导入',
		'file.malformed': '文件已损坏或不完整，无法读取',
		'file.not_spreadsheet': '这不是表格文件，请选择 .xlsx 或 .csv 文件',
		'file.no_header': '没有找到表头（如“姓名”“身份证号”），请检查第一张工作表',
		'file.no_rows': '表格中除表头外没有数据',
		'import.relation_unknown': '无法识别的关系',
		'import.category_unknown': '无法识别的类别',
		'import.value_unknown': '无法识别的选项',
		'import.date_unparseable': '无法识别的日期（可写 2015-03-08 或 2015年3月8日）',
		'import.number_unparseable': '无法识别的数字',
		'import.id_as_number': '身份证号被存成了数字，末几位已丢失，请把该列设为“文本”后重新录入',
		'import.id_birth_mismatch': '身份证号中的出生日期与“出生日期”列不一致',
		'import.duplicate_existing': '与已有记录重复',
		'import.duplicate_in_file': '与本文件中的另一行重复',
		'import.no_head': '这一户没有户主行',
		'import.has_problems': '文件中还有问题，未导入任何内容；请改正后重新选择文件',
		'import.write_failed': '写入时出错，已撤回本次导入，数据未改变'
	},
	en: {
		'file.empty': 'The file is empty',
		'file.too_large': 'The file is over 10 MB; split it into several files',
		'file.too_many_rows': 'The file has over 20,000 rows; split it into several files',
		'file.password':
			'The file is password-protected; remove the password in Excel/WPS, save, and import again',
		'file.legacy_xls': 'This is an old .xls file; save it as .xlsx in Excel/WPS first',
		'file.malformed': 'The file is damaged or incomplete and cannot be read',
		'file.not_spreadsheet': 'This is not a spreadsheet; choose an .xlsx or .csv file',
		'file.no_header': 'No header row found (such as 姓名 or 身份证号) on the first sheet',
		'file.no_rows': 'The sheet has no rows below its header',
		'import.relation_unknown': 'Unknown relation',
		'import.category_unknown': 'Unknown category',
		'import.value_unknown': 'Unknown option',
		'import.date_unparseable': 'Unrecognised date (write 2015-03-08)',
		'import.number_unparseable': 'Unrecognised number',
		'import.id_as_number':
			'The ID number was stored as a number and lost its last digits; format the column as text and enter it again',
		'import.id_birth_mismatch':
			'The birth date in the ID number differs from the birth date column',
		'import.duplicate_existing': 'Duplicates an existing record',
		'import.duplicate_in_file': 'Duplicates another row of this file',
		'import.no_head': 'This household has no row for its head',
		'import.has_problems':
			'The file still has problems; nothing was imported. Fix them and choose the file again',
		'import.write_failed': 'Writing failed; the import was rolled back and nothing changed'
	}
};

export function problemMessage(code: ProblemCode, locale: Locale = 'zh-CN'): string {
	const own = (IMPORT_MESSAGES[locale] as Record<string, string>)[code];
	return own ?? DOMAIN_MESSAGES[locale][code as ErrorCode];
}
