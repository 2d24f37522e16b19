/** `1 file`, `3 files`; `many` for irregular plurals (`workloads are`). */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
