// Seeded randomness for the reliability harness: one seed gives the same people, the same faults and
// the same kill points every time. Independent streams per concern (`fork`), so changing the fault
// schedule does not change what people do.
import { prng } from '../../bridge/src/seed/generate';

export class Random {
	private readonly next: () => number;

	constructor(readonly seed: number) {
		this.next = prng(seed);
	}

	/** A stream of its own, derived from this seed and a label (FNV-1a of the label). */
	fork(label: string): Random {
		let h = 0x811c9dc5 ^ this.seed;
		for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
		return new Random(h >>> 0);
	}

	/** [0, 1) */
	float(): number {
		return this.next();
	}

	/** Integer in [lo, hi]. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('Random.pick: empty list');
		return items[Math.floor(this.next() * items.length)];
	}

	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[] {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[out[i], out[j]] = [out[j], out[i]];
		}
		return out;
	}

	/** One key of `weights`, chosen in proportion to its weight (weights ≤ 0 never). */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = (Object.entries(weights) as Array<[K, number]>).filter(([, w]) => w > 0);
		const total = entries.reduce((s, [, w]) => s + w, 0);
		let x = this.next() * total;
		for (const [k, w] of entries) {
			x -= w;
			if (x < 0) return k;
		}
		return entries[entries.length - 1][0];
	}
}
