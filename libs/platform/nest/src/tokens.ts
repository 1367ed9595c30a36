/** Injection tokens for the ports; the adapters behind them are chosen from the config's URLs. */
export const EVENT_STORE = Symbol('EventStore');
export const MESSAGE_BUS = Symbol('MessageBus');
export const READ_MODELS = Symbol('ReadModelStore');
export const SERVICE_CONFIG = Symbol('ServiceConfig');
