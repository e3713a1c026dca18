// ForceManager lookup fields (notes §3): read as `{id, value}` (users: `{id, description}`, "nobody"
// `{id: -1}`), written as the plain integer id.

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The record a lookup points at: a positive integer id, or undefined for none (null, '', -1, 0). */
export function lookupId(value: unknown): number | undefined {
	const raw = isObject(value) ? value.id : value;
	const id = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}

const LABEL_KEYS = new Set(['value', 'description', 'name', 'label']);

/**
 * A lookup as read (`{id}` with at most a label beside it) turned into its write form, the id as it
 * stands; any other value unchanged, so a whole record with an `id` is not mistaken for a lookup.
 */
export function lookupWriteForm(value: unknown): unknown {
	if (isObject(value) && 'id' in value && Object.keys(value).every((k) => k === 'id' || LABEL_KEYS.has(k))) return value.id;
	return value;
}
