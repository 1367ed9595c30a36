export * from './signing-key';
export * from './password-hash';
