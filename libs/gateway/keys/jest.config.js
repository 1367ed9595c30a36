module.exports = { ...require('../../../jest.preset.js'), displayName: 'gateway-keys', rootDir: __dirname };
