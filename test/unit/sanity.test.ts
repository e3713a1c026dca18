test('runs on Node 24 (n8n 2.x needs it)', () => {
	expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
});
