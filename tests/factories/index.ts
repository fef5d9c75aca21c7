/**
 * Seeded test data in Chinese. Same seed, same data:
 *   buildCountyDataset(seed)  2,000 households / 8,000 people / 72,000 visits / 67 cadres
 *   buildSchoolDataset(seed)  600 students / 40 staff / 3 years of talks and home visits
 *   populateWorkspace(docs, ds) writes one into a WorkspaceDocs family through the doc API
 *   small factories in records.ts for unit tests
 */
export { buildCountyDataset, type CountyOptions } from './county';
export { buildSchoolDataset, type SchoolOptions } from './school';
export { populateWorkspace, openDatasetDocs } from './populate';
export { count, type Dataset, type Entry } from './dataset';
export {
	seededFaker,
	seededRandom,
	type SeededRandom,
	idNumberFor,
	chineseName,
	mobile,
	dateBetween
} from './random';
export * from './records';
