module.exports = { ...require('../../../jest.preset.js'), displayName: 'pledge-domain', rootDir: __dirname };
