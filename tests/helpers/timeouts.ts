// How long a test that runs the whole program on a real stack (about 3300 resources in
// prod, 650 in staging) may take. Such a run takes 15-30 s under jest on an idle 2-core
// machine and two or three times that while the other test workers run; the default
// 60 s timeout is for everything else. No test here measures speed (npm run bench does).
export const WHOLE_STACK_MS = 300_000;
