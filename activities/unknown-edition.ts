/**
 * An edition that is not known (or not that revision). `fixable`: the edition exists but this
 * worker cannot read it (its file is broken, or the revision is in neither its folder nor its
 * archive): operations can fix that, so a track waits for it instead of failing.
 */
export class UnknownEditionError extends Error {
  override name = 'UnknownEditionError';
  constructor(
    message: string,
    readonly fixable = false,
  ) {
    super(message);
  }
}
