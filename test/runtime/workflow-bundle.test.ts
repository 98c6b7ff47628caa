/**
 * The worker's prebuilt workflow bundle (runtime/workflow-bundle.ts; `npm run build:workflows`) is
 * built again whenever one of its sources is newer: a worker never runs old workflow code.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleIsStale, bundlePath } from '../../runtime/workflow-bundle';

test('missing, older than a workflow, machine or policy source, the bundle is stale; newer than all, it is not', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundle-'));
  try {
    for (const dir of ['workflows', 'machines', 'policies/care-types', 'runtime', 'dist']) mkdirSync(join(root, dir), { recursive: true });
    const files = ['workflows/index.ts', 'machines/provider-contract.ts', 'policies/care-types/zg.ts', 'runtime/workflow-bundle.ts', 'package-lock.json'];
    for (const f of files) writeFileSync(join(root, f), '');
    const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
    for (const f of files) at(join(root, f), 1_000);
    expect(bundleIsStale(root)).toBe(true);
    writeFileSync(bundlePath(root), '');
    at(bundlePath(root), 2_000);
    expect(bundleIsStale(root)).toBe(false);
    for (const f of files) {
      at(join(root, f), 3_000);
      expect([f, bundleIsStale(root)]).toEqual([f, true]);
      at(join(root, f), 1_000);
    }
    expect(bundleIsStale(root)).toBe(false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
