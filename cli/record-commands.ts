/** The CLI's commands for what the product keeps: the portal, the finder, the contract register, the questions' reachability, e-mail, the audit log and the inbox. */
import { Command, Option } from 'commander';
import { contractsCsv, exportCsv, reachabilityCsv } from '../operations/export';
import { formatAudit, formatContracts, formatEmails, formatInbox, formatListings, formatPortal } from './format';
import { load, withDatabase, year, agb, isoDay, type CliContext } from './context';

export function addRecordCommands(cli: CliContext): void {
  const { program, io, json, print, config, policyId, editionOf } = cli;
  program
    .command('portal')
    .description('what providers received in the local portal (invitations, offers, closed offers)')
    .argument('[agb]', 'only this provider')
    .action(async (agbCode?: string) => {
      const code = agbCode && agb(agbCode);
      const messages = await withDatabase(config(), (database) => new (load.portal().LocalContractPortal)(database).messages(code));
      print(messages, () => (messages.length ? formatPortal(messages) : 'the portal has sent nothing yet'));
    });

  program
    .command('finder')
    .description('what the local provider finder (zorgzoeker) lists')
    .action(async () => {
      const listings = await withDatabase(config(), (database) => new (load.directory().LocalProviderDirectory)(database).listings());
      print(listings, () => (listings.length ? formatListings(listings) : 'the provider finder lists nobody yet'));
    });

  const directory = program.command('directory').description('the provider finder (zorgzoeker)');
  directory
    .command('export')
    .description('the provider-finder list: signed, published contracts only, one line per location (CSV or JSON)')
    .addOption(new Option('--format <format>').choices(['csv', 'json']).default('csv'))
    .option('--policy <id>', 'only this policy')
    .option('--out <file>', 'write to a file instead of the screen')
    .action(async (opts: { format: 'csv' | 'json'; policy?: string; out?: string }) => {
      const policy = opts.policy && policyId(opts.policy);
      const listings = (await withDatabase(config(), (database) => new (load.directory().LocalProviderDirectory)(database).listings())).filter((l) => !policy || l.policyId === policy);
      const text = opts.format === 'json' || json() ? `${JSON.stringify(listings, null, 2)}\n` : exportCsv(listings);
      if (opts.out) {
        load.fs().writeFileSync(opts.out, text);
        io.err(`${listings.length} listing(s) written to ${opts.out}\n`);
      } else io.out(text);
    });

  const contracts = program.command('contracts').description('the contract register: signed contracts and their amendments');
  const contractFilters = (command: Command) =>
    command
      .option('--policy <id>', 'only contracts from this policy edition', policyId)
      .option('--agb <code>', 'only this provider', agb)
      .option('--care-type <type>', 'only this care type (zg, paramedisch, farmacie, hulpmiddelen, geboortezorg)')
      .option('--year <year>', 'only contracts running in this year', year);
  const readContracts = (opts: { policy?: string; agb?: string; careType?: string; year?: number }) =>
    withDatabase(config(), (database) => new (load.contracts().ContractRegister)(database).list({ policyId: opts.policy, agbCode: opts.agb, careType: opts.careType, year: opts.year }));
  contractFilters(contracts.command('list').description('the register, one line per contract'))
    .action(async (opts: { policy?: string; agb?: string; careType?: string; year?: number }) => {
      const list = await readContracts(opts);
      print(list, () => (list.length ? formatContracts(list) : 'the register holds no contract that matches'));
    });
  contractFilters(contracts.command('export').description('the register as CSV for Dutch Excel (; separated, UTF-8 with BOM, AGB codes as text) or JSON'))
    .addOption(new Option('--format <format>').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to a file instead of the screen')
    .action(async (opts: { policy?: string; agb?: string; careType?: string; year?: number; format: 'csv' | 'json'; out?: string }) => {
      const list = await readContracts(opts);
      const text = opts.format === 'json' || json() ? `${JSON.stringify(list, null, 2)}\n` : contractsCsv(list);
      if (opts.out) {
        load.fs().writeFileSync(opts.out, text);
        io.err(`${list.length} contract(s) written to ${opts.out}\n`);
      } else io.out(text);
    });

  const questions = program.command('questions').description("the providers' questions: how many were answered within the edition's answer target");
  questions
    .command('export')
    .description('the reachability figure per week of receipt (the Monday): received, answered in time, answered late, open past the target, open not yet due, the share in time; CSV for Dutch Excel or JSON')
    .argument('<policy>', 'the policy edition', policyId)
    .addOption(new Option('--format <format>').choices(['csv', 'json']).default('csv'))
    .option('--on <day>', 'count as on this day (YYYY-MM-DD; default today): which open questions are past their due day', isoDay)
    .option('--out <file>', 'write to a file instead of the screen')
    .action(async (policy: string, opts: { format: 'csv' | 'json'; on?: string; out?: string }) => {
      const today = opts.on ?? load.calendar().amsterdamDay(Date.now());
      const figure = await withDatabase(config(), (database) => load.questions().reachabilityOf(database, editionOf(policy), today));
      const text = opts.format === 'json' || json() ? `${JSON.stringify(figure, null, 2)}\n` : reachabilityCsv(figure.weeks, figure.total);
      if (opts.out) {
        load.fs().writeFileSync(opts.out, text);
        io.err(`${figure.total.received} question(s) in ${figure.weeks.length} week(s) written to ${opts.out}\n`);
      } else io.out(text);
    });

  program
    .command('mail')
    .description('the e-mail to providers: what was sent, what waits for the mail server, and providers without an address')
    .argument('[agb]', 'only this provider', agb)
    .addOption(new Option('--status <status>', 'only e-mail in this state').choices(['pending', 'sent', 'no-address']))
    .action(async (agbCode: string | undefined, opts: { status?: 'pending' | 'sent' | 'no-address' }) => {
      const list = await withDatabase(config(), (database) => load.mail().emails(database, { agbCode, status: opts.status }));
      print(list, () => (list.length ? formatEmails(list) : 'no e-mail to providers yet'));
    });

  program
    .command('audit')
    .description('who did what and when: every update a person made to a track')
    .argument('[agb]', 'only this provider', agb)
    .option('--policy <id>', 'only this policy', policyId)
    .option('--by <name>', 'only what this person did')
    .action(async (agbCode: string | undefined, opts: { policy?: string; by?: string }) => {
      const entries = await withDatabase(config(), (database) => new (load.audit().AuditLog)(database).entries({ agbCode, policyId: opts.policy, actor: opts.by }));
      print(entries, () => (entries.length ? formatAudit(entries) : 'nothing in the audit log that matches'));
    });

  program
    .command('inbox')
    .description('what waits for staff in the local inbox (escalations, new-product requests)')
    .action(async () => {
      const messages = await withDatabase(config(), (database) => new (load.staff().LocalStaffInbox)(database).messages());
      print(messages, () => (messages.length ? formatInbox(messages) : 'nothing waits for staff'));
    });
}
