module.exports = { ...require('../../jest.preset.js'), displayName: 'pledge-service', rootDir: __dirname };
