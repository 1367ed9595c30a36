module.exports = { ...require('../../../jest.preset.js'), displayName: 'appraisal-domain', rootDir: __dirname };
