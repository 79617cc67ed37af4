/** `n` with the noun in the number it takes: `count(1, 'person', 'people')` is '1 person'. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
