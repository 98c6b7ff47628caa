/**
 * The insurer's provider finder (zorgzoeker): contracted providers are listed per location.
 */
import { join } from 'node:path';
import type { IsoDate } from '../policies/calendar';
import { FileRecordStore, keyOfFile, type ProblemReporter } from './file-store';
import { BusinessRefusal } from './refusal';

/** The provider finder refused a listing or its removal for a business reason: staff must look. */
export class DirectoryRefusal extends BusinessRefusal {
  override name = 'DirectoryRefusal';
}

/** A provider to be listed as contracted, at each of its locations. */
export interface PublicationRequest {
  idempotencyKey: string;
  policyId: string;
  contractYear: number;
  agbCode: string;
  providerName: string;
  contractKind: string;
  locations: { agbCode: string; name: string; city: string }[];
  /** The business date of listing (workflow time). */
  publishedOn: IsoDate;
}

/** One line of the finder: a contracted location. */
export interface Listing {
  listingId: string;
  policyId: string;
  contractYear: number;
  contractKind: string;
  agbCode: string;
  providerName: string;
  locationAgbCode: string;
  locationName: string;
  city: string;
  publishedOn: IsoDate;
}

/**
 * A listing's id: policy, contract kind, provider and location. Each part is needed: a supplier
 * listed for two kinds keeps one when it withdraws the other, and two providers at one location
 * (a health centre) keep their own.
 */
export function listingIdOf(request: Pick<PublicationRequest, 'policyId' | 'contractKind' | 'agbCode'>, locationAgbCode: string): string {
  return `${request.policyId}/${request.contractKind}/${request.agbCode}/${locationAgbCode}`;
}

/** The provider finder, behind an interface so the real one replaces the local one. */
export interface ProviderDirectory {
  publish(request: PublicationRequest): Promise<{ listingIds: string[] }>;
  /** Takes a withdrawn provider's listings out of the finder. */
  unpublish(request: { idempotencyKey: string; agbCode: string; listingIds: string[]; withdrawnOn: IsoDate }): Promise<void>;
}

/** The local provider finder: one record per publication, kept on disk. */
export class LocalProviderDirectory implements ProviderDirectory {
  readonly store: FileRecordStore<Listing[]>;
  readonly withdrawals: FileRecordStore<{ agbCode: string; listingIds: string[]; withdrawnOn: IsoDate }>;

  constructor(dataDir: string) {
    this.store = new FileRecordStore(join(dataDir, 'zorgzoeker'));
    this.withdrawals = new FileRecordStore(join(dataDir, 'zorgzoeker-withdrawn'));
  }

  async unpublish(request: { idempotencyKey: string; agbCode: string; listingIds: string[]; withdrawnOn: IsoDate }) {
    await this.withdrawals.putOnce(request.idempotencyKey, { agbCode: request.agbCode, listingIds: request.listingIds, withdrawnOn: request.withdrawnOn });
  }

  async publish(request: PublicationRequest) {
    const listings: Listing[] = request.locations.map((location) => ({
      listingId: listingIdOf(request, location.agbCode),
      policyId: request.policyId,
      contractYear: request.contractYear,
      contractKind: request.contractKind,
      agbCode: request.agbCode,
      providerName: request.providerName,
      locationAgbCode: location.agbCode,
      locationName: location.name,
      city: location.city,
      publishedOn: request.publishedOn,
    }));
    const record = await this.store.putOnce(request.idempotencyKey, listings);
    return { listingIds: record.value.map((l) => l.listingId) };
  }

  /** Everything the finder lists, oldest first; withdrawn listings are gone; unreadable records go to `report`. */
  async listings(report: ProblemReporter = () => {}): Promise<Listing[]> {
    // An unreadable withdrawal still withdraws: its file name is the track's key, and the
    // track's publication is hidden rather than shown to the public after a withdrawal.
    const unreadable = new Set<string>();
    const withdrawals = await this.withdrawals.list((p) => {
      unreadable.add(keyOfFile(p.file).replace(/\/unpublication$/, '/publication'));
      report({ ...p, problem: `${p.problem}; that track's listings are hidden until it is repaired` });
    });
    const withdrawn = new Set(withdrawals.flatMap((r) => r.value.listingIds));
    return (await this.store.list(report))
      .filter((r) => !unreadable.has(r.key))
      .flatMap((r) => r.value)
      .filter((l) => !withdrawn.has(l.listingId));
  }
}
