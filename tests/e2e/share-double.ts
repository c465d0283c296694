// A test double of the Web Share API level 2 (navigator.canShare and
// navigator.share), for the specs of "Condividi i PDF": Debian's Chromium has
// no share sheet on Linux. Installed before the page loads, in every frame.
import type { Frame, Page } from '@playwright/test';

export type Shared = {
  title: string;
  text: string;
  /** The type of the event being handled when share was called ('click': within the tap). */
  during?: string;
  files: { name: string; type: string; size: number; head: string }[];
};

/**
 * Installs a test double of navigator.canShare / navigator.share before the
 * page loads. `canShare` accepts only a non-empty list of PDF files; `share`
 * records what it is given (each file's name, type, size and first bytes)
 * and the event it was called in, in `window.__shares`, then settles as
 * `window.__shareOutcome` says: 'ok', or the name of the DOMException it
 * rejects with.
 */
export async function installShareDouble(page: Page, outcome: 'ok' | 'AbortError' | 'NotAllowedError' = 'ok') {
  await page.addInitScript((outcome) => {
    const w = window as unknown as { __shares: unknown[]; __shareOutcome: string };
    w.__shares = [];
    w.__shareOutcome = outcome;
    const isPdfList = (files: unknown) =>
      Array.isArray(files) && files.length > 0 && files.every((f) => f instanceof File && f.type === 'application/pdf');
    Object.defineProperty(Navigator.prototype, 'canShare', {
      configurable: true,
      writable: true,
      value: (data?: ShareData) => isPdfList(data?.files),
    });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      writable: true,
      value: async (data: ShareData) => {
        const during = (window as unknown as { event?: Event }).event?.type;
        const files = await Promise.all(
          (data.files ?? []).map(async (f) => ({
            name: f.name,
            type: f.type,
            size: f.size,
            head: new TextDecoder().decode(await f.slice(0, 5).arrayBuffer()),
          })),
        );
        w.__shares.push({ title: data.title, text: data.text, during, files });
        if (w.__shareOutcome !== 'ok') throw new DOMException('test double', w.__shareOutcome);
      },
    });
  }, outcome);
}

/** What the test double was asked to share, in order. */
export const shares = (page: Page | Frame) => page.evaluate(() => (window as unknown as { __shares: Shared[] }).__shares);
