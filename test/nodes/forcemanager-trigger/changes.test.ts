import {
	changeActors,
	deltaWhere,
	isEcho,
	readChange,
} from '../../../nodes/ForceManagerTrigger/changes';
import { classifyChange } from '../../../nodes/shared/polling';

describe('ForceManager change reading', () => {
	test('the delta filter covers all three dates, inclusive, with the extra filter ANDed', () => {
		const since = Date.parse('2025-03-01T10:00:00.120Z');
		expect(deltaWhere(since)).toBe(
			"(dateCreated >= '2025-03-01T10:00:00.120Z') OR (dateUpdated >= '2025-03-01T10:00:00.120Z') OR (dateDeleted >= '2025-03-01T10:00:00.120Z')",
		);
		expect(deltaWhere(since, "city = 'Leeds'")).toBe(
			"((dateCreated >= '2025-03-01T10:00:00.120Z') OR (dateUpdated >= '2025-03-01T10:00:00.120Z') OR (dateDeleted >= '2025-03-01T10:00:00.120Z')) AND (city = 'Leeds')",
		);
		expect(deltaWhere(null)).toBeUndefined();
	});

	test('audit dates with dateUpdated null until the first update; /sales deleted as 0/1', () => {
		const fresh = readChange({ id: 4, dateCreated: '2025-03-01T10:00:00.1Z', dateUpdated: null, dateDeleted: null, deleted: false });
		expect(fresh?.stamp).toBe(Date.parse('2025-03-01T10:00:00.100Z'));
		expect(classifyChange(fresh!.dates)).toBe('created');
		const sale = readChange({ id: 9, dateCreated: '2025-03-01T10:00:00Z', deleted: 1, dateDeleted: null });
		expect(classifyChange(sale!.dates)).toBe('deleted');
		expect(readChange({ name: 'no id' })).toBeUndefined();
	});

	test('echo: ignored only when every user behind the emitted change is ignored', () => {
		const ignored = new Set([2]);
		const createdByUiThenSync = {
			id: 1,
			salesRepIdCreated: 1,
			salesRepIdUpdated: 2,
			dateCreated: '2025-03-01T10:00:00Z',
			dateUpdated: '2025-03-01T10:00:05Z',
		};
		const dates = readChange(createdByUiThenSync)!.dates;
		// New to the consumer: created (by the UI) and then touched by the sync: still emitted.
		expect(isEcho(changeActors(createdByUiThenSync, 'created', dates), ignored)).toBe(false);
		// Already emitted before: only the sync's update is new, so it is an echo.
		expect(isEcho(changeActors(createdByUiThenSync, 'updated', dates), ignored)).toBe(true);
		const deletedBySync = { id: 1, salesRepIdDeleted: { id: 2, value: 'Sage 50 Integration' } };
		expect(isEcho(changeActors(deletedBySync, 'deleted', {}), ignored)).toBe(true);
		expect(isEcho(changeActors(deletedBySync, 'deleted', {}), new Set())).toBe(false);
		expect(isEcho([undefined], ignored)).toBe(false);
	});
});
