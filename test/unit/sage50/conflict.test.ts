import { epochSeconds, sageConflict } from '../../../nodes/shared/sage50/conflict';

describe('Sage-side conflict policy (two-way contacts, prospects, quotations/orders)', () => {
	const sage = '2026-03-29T02:30:05+01:00'; // BST: 01:30:05Z

	it('reads offsets: the same instant in Z and +01:00 is equal', () => {
		expect(epochSeconds('2026-03-29T01:30:05Z')).toBe(epochSeconds(sage));
		expect(epochSeconds('nope')).toBeUndefined();
		expect(epochSeconds(null)).toBeUndefined();
	});

	it('latestChangeWins: FM later writes; Sage later skips naming both instants', () => {
		expect(sageConflict('latestChangeWins', '2026-03-29T01:30:06Z', sage)).toBeUndefined();
		expect(sageConflict('latestChangeWins', '2026-03-29T01:30:04Z', sage)).toBe(
			'conflict: Sage changed later (2026-03-29T02:30:05+01:00 > 2026-03-29T01:30:04Z)',
		);
	});

	it('latestChangeWins: one-second resolution, Sage wins ties (milliseconds do not count)', () => {
		expect(sageConflict('latestChangeWins', '2026-03-29T01:30:05.900Z', sage)).toMatch(/^conflict: Sage changed in the same second/);
	});

	it('latestChangeWins: an unknown FM change time never overwrites Sage', () => {
		expect(sageConflict('latestChangeWins', null, sage)).toMatch(/^conflict: the ForceManager change time is unknown/);
	});

	it('sageWins always skips; forceManagerWins never does', () => {
		expect(sageConflict('sageWins', '2030-01-01T00:00:00Z', sage)).toBe('conflict: Sage wins (conflict policy sageWins)');
		expect(sageConflict('forceManagerWins', '2020-01-01T00:00:00Z', sage)).toBeUndefined();
	});
});
