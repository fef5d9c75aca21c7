import {
	buildCountyDataset,
	buildSchoolDataset,
	populateWorkspace,
	openDatasetDocs,
	count
} from '../tests/factories';
let t = performance.now();
const c = buildCountyDataset(1);
console.log(
	'county build ms',
	Math.round(performance.now() - t),
	count(c, 'household'),
	count(c, 'visit'),
	count(c, 'member'),
	count(c, 'plan'),
	count(c, 'case')
);
const people = (c.records.household ?? []).reduce(
	(n, h) => n + Object.keys(h.draft.members ?? {}).length,
	0
);
console.log('people', people);
t = performance.now();
const docs = await openDatasetDocs(c);
await populateWorkspace(docs, c);
console.log('populate ms', Math.round(performance.now() - t));
t = performance.now();
const s = buildSchoolDataset(1);
console.log(
	'school build ms',
	Math.round(performance.now() - t),
	count(s, 'student'),
	count(s, 'visit'),
	count(s, 'member')
);
const d2 = await openDatasetDocs(s);
await populateWorkspace(d2, s);
const bad =
	d2.main.list('student').filter((r) => !r.ok).length +
	docs.main.list('household').filter((r) => !r.ok).length;
console.log('invalid', bad, docs.lastVisits().size);
