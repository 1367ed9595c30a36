module.exports = { ...require('../../../jest.preset.js'), displayName: 'sqlite', rootDir: __dirname };
