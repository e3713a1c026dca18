// Generic batching helpers (system-independent).

/** Splits `items` into consecutive chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new Error(`Chunk size must be a positive integer, got ${size}`);
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Runs `worker` on each chunk in order and concatenates the results. */
export async function mapChunks<T, R>(
	items: readonly T[],
	size: number,
	worker: (batch: T[], offset: number) => Promise<R[]>,
): Promise<R[]> {
	const out: R[] = [];
	let offset = 0;
	for (const batch of chunk(items, size)) {
		out.push(...(await worker(batch, offset)));
		offset += batch.length;
	}
	return out;
}
