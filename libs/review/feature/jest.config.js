module.exports = { ...require('../../../jest.preset.js'), displayName: 'review-feature', rootDir: __dirname };
