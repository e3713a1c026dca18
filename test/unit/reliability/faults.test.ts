// The reliability harness's seeded fault schedule (test/reliability/faults.ts) and template order.
import { activeAt, FAULT_KINDS, faultCounts, faultSchedule } from '../../reliability/faults';
import { Random } from '../../reliability/random';
import { soakTemplates } from '../../reliability/templates';

describe('reliability fault schedule', () => {
	test('deterministic per seed; another seed gives another schedule', () => {
		const a = faultSchedule(new Random(7).fork('faults'), { cycles: 300 });
		expect(faultSchedule(new Random(7).fork('faults'), { cycles: 300 })).toEqual(a);
		expect(faultSchedule(new Random(8).fork('faults'), { cycles: 300 })).not.toEqual(a);
	});

	test('every kind comes once before any repeats; hung requests are capped; windows never overlap and stay inside the phase', () => {
		for (const seed of [1, 7, 42]) {
			const windows = faultSchedule(new Random(seed), { cycles: 300, maxHangs: 1 });
			const firstKinds = windows.slice(0, FAULT_KINDS.length).map((w) => w.kind);
			expect([seed, [...new Set(firstKinds)].sort()]).toEqual([seed, [...FAULT_KINDS].sort()]);
			expect(faultCounts(windows).fmHang.windows).toBe(1);
			for (let c = 0; c < 300; c++) expect(activeAt(windows, c).length).toBeLessThanOrEqual(1);
			expect(windows.every((w) => w.fromCycle + w.cycles <= 300)).toBe(true);
			expect(windows.filter((w) => w.kind !== 'fmSessionExpiry').every((w) => typeof w.fault?.mode === 'string')).toBe(true);
		}
	});

	test('templates are read from workflows/: polling ones in dependency order (accounts, products, contacts, orders, invoices, users; Sage → FM first), error workflows published', () => {
		const t = soakTemplates();
		// Today's templates in this relative order; a template added later joins by its name.
		const known = t.cycled.map((x) => x.file).filter((f) => !f.includes('dead') && !f.includes('replay'));
		expect(known.slice(0, 9)).toEqual([
			'sage-to-fm-accounts',
			'fm-to-sage-accounts',
			'sage-to-fm-products',
			'sage-to-fm-contacts',
			'fm-to-sage-contacts',
			'sage-to-fm-sales-orders',
			'fm-to-sage-sales-orders',
			'sage-to-fm-invoices',
			'sage-to-fm-users',
		]);
		expect(t.published.map((x) => x.file)).toContain('error-handler');
	});
});
