// Layers (see README, "Tests"): pure unit tests, service tests of the simulator and the bridge
// over HTTP, node tests against those services over real HTTP, end-to-end tests in a real n8n,
// and the reliability soak and kill runs (also a real n8n). All run on the Node 24 that npm puts
// first on the PATH (devDependency `node`).
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json', isolatedModules: true }],
};
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform,
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	...extra,
});

module.exports = {
	projects: [
		project('unit'),
		project('services'),
		project('nodes'),
		project('e2e', { slowTestThreshold: 120 }),
		// Seeded fault soak and kill-and-resume runs in a real n8n, judged by an independent checker
		// (test/reliability/README.md). Alone: npm run test:reliability.
		project('reliability', { slowTestThreshold: 300 }),
	],
	// Global only (jest ignores it per project); e2e suites raise it with jest.setTimeout.
	testTimeout: 60_000,
	reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
