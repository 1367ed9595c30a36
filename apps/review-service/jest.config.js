module.exports = { ...require('../../jest.preset.js'), displayName: 'review-service', rootDir: __dirname };
