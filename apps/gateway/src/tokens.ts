export const ACCOUNTS = Symbol('AccountStore');
export const SIGNING_KEY = Symbol('SigningKey');
export const GATEWAY_CONFIG = Symbol('GatewayConfig');
export const SESSIONS = Symbol('Sessions');
