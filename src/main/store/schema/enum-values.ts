/**
 * A contract enum's values as the non-empty tuple drizzle's `text(name, { enum })` takes (zod types
 * `.options` as a plain array), so a column's type is the contract's union and the values are declared once.
 */
export function enumValues<T extends string>(contractEnum: { options: readonly T[] }): [T, ...T[]] {
  return contractEnum.options as [T, ...T[]];
}
