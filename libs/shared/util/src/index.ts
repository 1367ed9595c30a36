export * from './ids';
export * from './canonical-json';
export * from './hash';
export * from './clock';
export * from './errors';
export * from './retry';
export * from './sqlite-url';
export * from './correlation';
