// For `npx jest <path>` (and `npm run test:jest`): every project's config in one jest run.
// `npm test` runs each project's `test` and `e2e` targets through Nx instead (ADR 0032).
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const roots = ['apps', 'examples', ...readdirSync(join(__dirname, 'libs')).map((scope) => join('libs', scope))];
const projects = [
  '<rootDir>/tools/jest.config.js',
  ...roots.flatMap((root) =>
    existsSync(join(__dirname, root))
      ? readdirSync(join(__dirname, root))
          .map((name) => join(root, name, 'jest.config.js'))
          .filter((config) => existsSync(join(__dirname, config)))
          .map((config) => `<rootDir>/${config}`)
      : [],
  ),
];

module.exports = { projects, verbose: true };
