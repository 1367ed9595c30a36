/** Points are kept to two decimals; every sum and product is rounded the same way, so replays agree. */
export const roundPoints = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

export const hasAtMostTwoDecimals = (value: number): boolean => Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

export const sumPoints = (values: readonly number[]): number => roundPoints(values.reduce((a, b) => a + Math.round(b * 100), 0) / 100);
