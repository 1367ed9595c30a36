// The benchmarks drive the services through the pledge service's test fixtures, which they
// import by path; the workspace rules apply here except the module-boundary rule (ADR 0032).
import workspace from '../eslint.config.mjs';

export default [...workspace, { files: ['**/*.ts'], rules: { '@nx/enforce-module-boundaries': 'off' } }];
