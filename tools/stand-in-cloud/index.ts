// The stand-in cloud's entry points for other tools: start it (start.ts), or
// build its provider in-process (provider.ts). See README.md for what it is.

export { startStandInCloud } from "./start";
export type { StandInCloud, StandInCloudOptions } from "./start";
export { standInProvider } from "./provider";
export type { StandInProviderOptions } from "./provider";
export { PACKAGES } from "./package-info";
export type { PackageName } from "./package-info";
