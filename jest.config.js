// Runs every project's suite in one jest process; each project also has its own config for `nx test`.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const roots = ['apps', ...readdirSync(join(__dirname, 'libs')).map((scope) => join('libs', scope))];
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
