module.exports = { ...require('../../../jest.preset.js'), displayName: 'gateway-subscriptions', rootDir: __dirname };
