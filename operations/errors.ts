/** Bad input from a person (a CLI argument, a form): the front end says what and where (the CLI exits 2). */
export class UsageError extends Error {}
