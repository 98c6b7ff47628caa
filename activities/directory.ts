/**
 * The insurer's provider finder (zorgzoeker): contracted providers are listed per location.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { IsoDate } from '../policies/calendar';
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

/** What the public may search the finder by; every part optional. */
export interface FinderQuery {
  /** A contract kind, or a policy id's care type prefix (`zg`, `paramedisch`, ...). */
  careType?: string;
  /** A city, matched whole and without regard to case ("utrecht"). */
  city?: string;
  /** Part of the provider's or location's name, without regard to case. */
  name?: string;
  /** Only listings published on or before this day (the publication rule); default: all. */
  on?: IsoDate;
  limit?: number;
}

/**
 * The provider finder's listings in the database: one row per contracted location, written once
 * per listing id; a withdrawal keeps the row with its day, and the finder no longer shows it.
 */
export class LocalProviderDirectory implements ProviderDirectory {
  constructor(readonly database: Database) {}

  async publish(request: PublicationRequest) {
    const listings = request.locations.map((location) => ({
      listing_id: listingIdOf(request, location.agbCode),
      publication_key: request.idempotencyKey,
      policy_id: request.policyId,
      contract_year: request.contractYear,
      contract_kind: request.contractKind,
      agb_code: request.agbCode,
      provider_name: request.providerName,
      location_agb_code: location.agbCode,
      location_name: location.name,
      city: location.city,
      published_on: request.publishedOn,
    }));
    try {
      if (listings.length) await this.database.db.insertInto('finder_listings').values(listings).onConflict((c) => c.column('listing_id').doNothing()).execute();
    } catch (err) {
      throw this.database.failure(`list AGB ${request.agbCode} in the provider finder`, err);
    }
    return { listingIds: listings.map((l) => l.listing_id) };
  }

  async unpublish(request: { idempotencyKey: string; agbCode: string; listingIds: string[]; withdrawnOn: IsoDate }) {
    if (!request.listingIds.length) return;
    try {
      await this.database.db
        .updateTable('finder_listings')
        .set({ withdrawn_on: request.withdrawnOn, withdrawal_key: request.idempotencyKey })
        .where('listing_id', 'in', request.listingIds)
        .where('withdrawn_on', 'is', null)
        .execute();
    } catch (err) {
      throw this.database.failure(`take AGB ${request.agbCode} out of the provider finder`, err);
    }
  }

  /** What the finder lists (withdrawn listings are gone), oldest first, narrowed by `query`. */
  async listings(query: FinderQuery = {}): Promise<Listing[]> {
    let select = this.database.db.selectFrom('finder_listings').selectAll().where('withdrawn_on', 'is', null);
    if (query.on) select = select.where('published_on', '<=', query.on);
    if (query.city) select = select.where(sql<string>`lower(city)`, '=', query.city.trim().toLowerCase());
    if (query.careType) {
      const careType = query.careType.trim().toLowerCase();
      select = select.where((eb) => eb.or([eb('contract_kind', '=', careType), eb('policy_id', 'like', `${escapeLike(careType)}-%`)]));
    }
    if (query.name) {
      const pattern = `%${escapeLike(query.name.trim().toLowerCase())}%`;
      select = select.where((eb) => eb.or([eb(sql<string>`lower(provider_name)`, 'like', pattern), eb(sql<string>`lower(location_name)`, 'like', pattern)]));
    }
    if (query.limit !== undefined) select = select.limit(query.limit);
    try {
      const rows = await select.orderBy('recorded_at').orderBy('listing_id').execute();
      return rows.map((r) => ({
        listingId: r.listing_id,
        policyId: r.policy_id,
        contractYear: r.contract_year,
        contractKind: r.contract_kind,
        agbCode: r.agb_code,
        providerName: r.provider_name,
        locationAgbCode: r.location_agb_code,
        locationName: r.location_name,
        city: r.city,
        publishedOn: r.published_on,
      }));
    } catch (err) {
      throw this.database.failure('read the provider finder', err);
    }
  }
}

/** `text` as a literal inside a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
