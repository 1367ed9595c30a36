module.exports = { ...require('../../../jest.preset.js'), displayName: 'review-domain', rootDir: __dirname };
