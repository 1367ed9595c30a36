module.exports = { ...require('../../../jest.preset.js'), displayName: 'gateway-identity', rootDir: __dirname };
