// The packages the stand-in cloud can stand in for, and the version each reports:
// the version of the SDK the project pins (node_modules/@pulumi/<package>), so the
// engine, which asks the provider for its version, sees the one the program uses.

export const PACKAGES = ["gcp", "aws"] as const;
export type PackageName = (typeof PACKAGES)[number];

export function isPackageName(name: string): name is PackageName {
    return (PACKAGES as readonly string[]).includes(name);
}

/** The version in node_modules/@pulumi/<pkg>/package.json (e.g. "9.37.0" for gcp). */
export function pinnedVersion(pkg: PackageName): string {
    const manifest = require(`@pulumi/${pkg}/package.json`) as { version?: unknown };
    if (typeof manifest.version !== "string") throw new Error(`@pulumi/${pkg}/package.json has no version`);
    return manifest.version;
}
