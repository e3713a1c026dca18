// Yes/no values as the two systems read them, and "is this record deleted", in one place.
// Sage flags (RECORD_DELETED, INACTIVE_FLAG, ON_HOLD …) are 0/1 (bridge contract, sage50-notes §4).
// ForceManager booleans (`deleted`, `readOnly`) are bools, but `/sales` reads `deleted` as 0/1 and
// booleans may arrive as "true" (forcemanager-api-notes §3), so every spelling of "set" counts.

/** A Sage flag or ForceManager boolean is set: true, 1, "1" or "true" (any case). */
export function flag(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A ForceManager row soft-deleted (`deleted`; deleted rows stay readable, notes §4). */
export function isDeletedInForceManager(row: { deleted?: unknown }): boolean {
	return flag(row.deleted);
}

/** A Sage record deleted in Sage (`RECORD_DELETED` 1; the bridge returns it with `includeDeleted` and as tombstones). */
export function isDeletedInSage(record: { RECORD_DELETED?: unknown }): boolean {
	return flag(record.RECORD_DELETED);
}
