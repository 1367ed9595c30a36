module.exports = { ...require('../../../jest.preset.js'), displayName: 'blob-store-fs', rootDir: __dirname };
