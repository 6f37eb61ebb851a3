/** The catalog files break a rule; `problems` holds one line per problem, each naming the file and field. */
export class CatalogError extends Error {
  readonly problems: readonly string[];

  constructor(directory: string, problems: readonly string[]) {
    super(
      `The catalog in ${directory} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'CatalogError';
    this.problems = problems;
  }
}
