// Paths and identities the end-to-end tests share.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const EXTENSION_DIR = path.join(ROOT, "extension");
export const IDENTITY = JSON.parse(fs.readFileSync(path.join(ROOT, "manifests/identity.json"), "utf8"));
export const HOST_NAME = IDENTITY.hostName;
export const CHROMIUM_ID = IDENTITY.chromiumExtensionId;
export const GECKO_ID = IDENTITY.firefoxAddonId;
// A fixed internal UUID for the Firefox add-on, so its pages have a known URL.
export const FIREFOX_UUID = "6a1f1b4e-3c1d-4f4e-9a55-0f7a1e2b3c4d";
export const HOST_BINARY = process.env.OG_HOST_BINARY || path.join(ROOT, "build/host/optout-guide-host");
export const CHROMIUM = process.env.OG_CHROMIUM || "/usr/bin/chromium";
export const FIREFOX = process.env.OG_FIREFOX || "/usr/bin/firefox-esr";
export const SCREENSHOT_DIR = path.join(ROOT, "docs/screenshots");
export const ARTIFACT_DIR = path.join(ROOT, "tests/e2e/artifacts");

export function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `og-e2e-${prefix}-`));
}

export function hostBinaryExists() {
  try {
    fs.accessSync(HOST_BINARY, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
