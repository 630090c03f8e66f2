/** Runs once before all test files: nothing yet; front-end builds are added here by the e2e suites. */
export default async function setup(): Promise<void> {}
