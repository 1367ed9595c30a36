module.exports = { ...require('../../jest.preset.js'), displayName: 'example-webhook-receiver', rootDir: __dirname };
