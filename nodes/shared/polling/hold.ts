// What a record waiting for a dependency needs in the other system (sync contract, waiting records):
// account and product references. The triggers compute it from the record on every poll; the bridge's
// delivery ledger keeps waiting records (state `waiting`) between polls.

export interface HoldNeeds {
	/** Account references that must exist (FM account extIds). */
	accounts?: string[];
	/** Product references that must exist (FM product extIds). */
	products?: string[];
}

/** References among `needs` that are missing from `known`, per kind (for reasons and resolution). */
export function missingNeeds(needs: HoldNeeds | undefined, known: { accounts: ReadonlySet<string>; products: ReadonlySet<string> }): HoldNeeds {
	return {
		accounts: (needs?.accounts ?? []).filter((ref) => !known.accounts.has(ref)),
		products: (needs?.products ?? []).filter((ref) => !known.products.has(ref)),
	};
}

export function hasMissing(needs: HoldNeeds): boolean {
	return (needs.accounts?.length ?? 0) + (needs.products?.length ?? 0) > 0;
}
