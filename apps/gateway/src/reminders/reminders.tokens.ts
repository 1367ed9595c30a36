export const REMINDERS = Symbol('REMINDERS');
