// Exchange Management Shell output in the page (issue 10): Get-ExchangeCertificate
// text pasted alone is judged from its summary (the core engine loads the full
// one for it), and beside a certificate the thumbprints are compared. Run after
// `bash scripts/build-web.sh`:   node --test e2e/exchange.test.mjs

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  RESULTS,
  ROOT,
  builtPageSuite,
  fixtureText,
  pasteText,
  setCase,
  singleFileUrl,
  text,
  waitVerdict,
  withPage,
} from "./helpers.mjs";

const suite = builtPageSuite(["index.html", "app.js", "pkg/msstd_check.js", "pkg/msstd_check_full.js"]);
const shell = (name) => readFileSync(join(ROOT, "tests", "fixtures", "exchange", name), "utf8");

const TARGETS = [
  { name: "served page", url: () => `${suite.server.origin}/` },
  { name: "single file (file://)", url: () => singleFileUrl() },
];

for (const target of TARGETS) {
  describe(`Exchange shell output, ${target.name}`, () => {
    test("Get-ExchangeCertificate | fl alone: the IIS certificate's summary, said so", async () => {
      await withPage(suite.browser, target.url(), async ({ page }) => {
        await setCase(page);
        await pasteText(page, shell("fl-three.txt"));
        await waitVerdict(page, "pass");
        const body = await text(page, "body");
        assert.match(body, /enabled for IIS/);
        assert.match(body, /Get-ExchangeCertificate's summary/);
        assert.match(body, /5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D/);
        await page.screenshot({ path: join(RESULTS, `exchange-${target.name.split(" ")[0]}-1280.png`) });
      });
    });

    test("beside a certificate that is not the IIS one: both thumbprints, not a pass", async () => {
      await withPage(suite.browser, target.url(), async ({ page }) => {
        await setCase(page);
        await pasteText(page, `${fixtureText("cn-and-san.pem")}\n${shell("fl-three.txt")}`);
        await waitVerdict(page, "warn");
        const body = await text(page, "body");
        assert.match(body, /not the one enabled for IIS/);
        assert.match(body, /4F3DBC4F4F83FF3A530335ACFF4C508579F0B01E/);
        assert.match(body, /5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D/);
      });
    });

    test("none bound to IIS: no verdict, and the Enable-ExchangeCertificate line", async () => {
      await withPage(suite.browser, target.url(), async ({ page }) => {
        await setCase(page);
        await pasteText(page, shell("no-iis.txt"));
        await waitVerdict(page, "unknown");
        const body = await text(page, "body");
        assert.match(body, /Enable-ExchangeCertificate -Thumbprint 5E1F6E4B3B1A2C9D8E7F6A5B4C3D2E1F0A9B8C7D -Services IIS/);
        assert.doesNotMatch(body, /no certificate was found/i);
      });
    });
  });
}
