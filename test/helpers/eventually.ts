/** Visibility is eventually consistent: ask until the answer is the expected one (10 s at most). */
export async function eventually<T>(ask: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await ask();
  for (let i = 0; i < 100 && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await ask();
  }
  return value;
}
