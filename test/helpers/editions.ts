/** The repository's policy editions (editions/), as the tests use them. */
import { EditionStore } from '../../activities/edition-store';
import { rehearse, type Edition } from '../../policies';

const store = new EditionStore();

/** The edition with this id, from the repository's editions folder. */
export function edition(id: string): Edition {
  return store.get(id);
}

/** The edition with every date moved to another contract year (its id says it is a rehearsal). */
export function rehearsal(id: string, contractYear: number): Edition {
  return rehearse(edition(id), contractYear);
}
