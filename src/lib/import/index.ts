/**
 * Spreadsheet import: sniff and read a file (`./read` pulls in exceljs: import it on demand),
 * recognise its columns, preview every row's problems and duplicates, then commit the whole
 * file in one transaction through the document layer (one undo step).
 */
export * from './messages';
export * from './columns';
export * from './columns-students';
export * from './mapping';
export * from './values';
export * from './sniff';
export * from './preview';
export * from './preview-households';
export * from './preview-students';
export * from './commit';
