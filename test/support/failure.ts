// The error a node run ends with, typed for assertions on message and description.
export async function failure(run: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await run;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('the run was expected to fail');
}
