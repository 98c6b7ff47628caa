/**
 * Workflow code must not load zod when a track starts or replays: a worker evaluates every
 * module a workflow imports once per workflow it holds, and zod with the provider and command
 * schemas cost each open track about 1.4 MB (docs/architecture.md, "What a worker costs").
 * The command schemas load on a track's first command (workflows/provider-contracting.ts,
 * `commandSchemas`); the provider record is validated in the `evaluateProvider` activity.
 */
describe('workflow code and zod', () => {
  afterEach(() => {
    jest.dontMock('zod');
    jest.resetModules();
  });

  it('loads the workflows (campaign and provider tracks) without evaluating zod', async () => {
    const loaded: string[] = [];
    jest.doMock('zod', () => {
      loaded.push(new Error().stack ?? '');
      throw new Error('zod was loaded by workflow code at start');
    });
    await jest.isolateModulesAsync(async () => {
      const workflows = await import('../../workflows');
      expect(typeof workflows.providerContractingWorkflow).toBe('function');
      expect(typeof workflows.campaignWorkflow).toBe('function');
    });
    expect(loaded).toEqual([]);
  });

  it('still has zod for the commands, loaded on demand', async () => {
    await jest.isolateModulesAsync(async () => {
      const { COMMANDS } = await import('../../workflows/catalogue');
      expect(COMMANDS.sign.parse({ by: 'staff-1' }).ok).toBe(true);
      expect(COMMANDS.sign.parse({ by: '' }).ok).toBe(false);
    });
  });
});
