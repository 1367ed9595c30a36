export const SUBSCRIPTIONS = Symbol('SubscriptionsService');
