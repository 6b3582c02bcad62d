// The DNS tests' own zone configs, in k8s.io's layout, written to a temp folder:
// mini.k8s.io as base + prod-only pieces (the canary delegation, a kops-like test
// delegation) with canary.mini.k8s.io as git's text stand-in for a link to the base,
// mini.dev the same with a real symbolic link, and solo.dev one whole file, no canary.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const MINI_BASE = `# The mini zone
'':
  - type: A
    value: 34.107.204.206
  - type: AAAA
    value: "2600:1901:0:26f3::"
  - type: MX
    values:
    - exchange: aspmx.l.google.com.
      preference: 1
    - exchange: alt1.aspmx.l.google.com.
      preference: 5
  - type: CAA
    values:
    - flags: 0
      tag: issue
      value: pki.goog
  - type: TXT
    values:
    - v=spf1 include:_spf.google.com ~all
www:
  type: CNAME
  value: mini.k8s.io.
'*.docs':
  type: CNAME
  value: mini.netlify.app.
prow:
  type: A
  ttl: 600
  value: 35.186.196.185
_sip._tcp:
  type: SRV
  values:
  - priority: 10
    weight: 5
    port: 5060
    target: sip.mini.k8s.io.
_dmarc:
  type: TXT
  value: v=DMARC1\\; p=none
`;
export const MINI_CANARY_PIECE = `# Canary zone for testing DNS pushes.
canary:
  type: NS
  values:
  - ns-cloud-c1.googledomains.com.
  - ns-cloud-c2.googledomains.com.
`;
export const MINI_AWS_PIECE = `# kops e2e
test-aws:
  type: NS
  values:
  - ns-1458.awsdns-54.org.
  - ns-265.awsdns-33.com.
`;
const DEV_BASE = "'':\n  type: A\n  value: 104.198.14.52\nwww:\n  type: CNAME\n  value: mini-contributor.netlify.app.\n";
const DEV_CANARY = "canary:\n  type: NS\n  values:\n  - ns-cloud-a1.googledomains.com.\n";
const SOLO = "'':\n  type: TXT\n  value: hello\n";

/** Record sets of each fixture zone: prod counts all pieces, a canary the base only. */
export const FIXTURE_COUNTS = { "mini.k8s.io": 12, "canary.mini.k8s.io": 10, "mini.dev": 3, "canary.mini.dev": 2, "solo.dev": 1 };

export const FIXTURE_ZONES = [
    { domain: "mini.k8s.io", canary: true },
    { domain: "mini.dev", canary: true },
    { domain: "solo.dev", canary: false },
];

/** Writes the fixture (with `changes`: file name -> text, or null to remove it) to a new temp folder; returns it. */
export function zoneConfigDir(changes: Record<string, string | null> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dns-zone-configs-"));
    const files: Record<string, string | null> = {
        "mini.k8s.io._0_base.yaml": MINI_BASE,
        "mini.k8s.io._1_canary.yaml": MINI_CANARY_PIECE,
        "mini.k8s.io._2_aws.yaml": MINI_AWS_PIECE,
        "canary.mini.k8s.io.yaml": "mini.k8s.io._0_base.yaml",
        "mini.dev._0_base.yaml": DEV_BASE,
        "mini.dev._1_canary.yaml": DEV_CANARY,
        "solo.dev.yaml": SOLO,
        ...changes,
    };
    for (const [name, text] of Object.entries(files)) if (text !== null) fs.writeFileSync(path.join(dir, name), text);
    if (!("canary.mini.dev.yaml" in changes)) fs.symlinkSync("mini.dev._0_base.yaml", path.join(dir, "canary.mini.dev.yaml"));
    return dir;
}

/** The line of the first line of `text` that contains `needle` (1-based). */
export function lineOf(text: string, needle: string): number {
    return text.split("\n").findIndex(l => l.includes(needle)) + 1;
}
