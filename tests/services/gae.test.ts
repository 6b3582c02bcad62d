// The App Engine service: the application (protected in prod), Gubernator and
// Testgrid as standard versions deployed from a bucket, each with all traffic and
// its own runtime service account, domain dispatch, deployer rights for the
// owners group only, exports, and the config's checks.

import { deployService, testContext } from "../helpers/service";
import { checkName } from "../../model/naming";
import { GaeConfig } from "../../model/service-config/gae";

const APP = "gcp:appengine/application:Application";
const VERSION = "gcp:appengine/standardAppVersion:StandardAppVersion";
const SPLIT = "gcp:appengine/engineSplitTraffic:EngineSplitTraffic";
const DISPATCH = "gcp:appengine/applicationUrlDispatchRules:ApplicationUrlDispatchRules";
const SA = "gcp:serviceaccount/account:Account";
const IAM_TYPE = /(?:IAM|Iam)(?:Member|Binding|Policy)$/;

const app = (name: string, extra: object = {}) => ({
    name, runtime: "python312", entrypoint: "gunicorn -b :$PORT main:app",
    source: `gs://staging.k8s-infra-dashboards.appspot.com/${name}/v1.zip`, version: "v1", ...extra,
});
const settings = GaeConfig.parse({
    project: "k8s-infra-dashboards",
    location: "us-central",
    defaultService: "gubernator",
    apps: [app("gubernator", { domain: "gubernator.k8s.io", instanceClass: "F2" }), app("testgrid", { runtime: "go122", entrypoint: "./testgrid", version: "v2", domain: "testgrid.k8s.io" })],
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const project = `k8s-infra-dashboards${stg}`;
    const ctx = testContext("gae", env, "prow", "testing");

    test("makes the App Engine application, protected in prod only", async () => {
        const d = await deployService("gae", settings, env, ctx);
        expect(d.inputsOf(APP)).toEqual([expect.objectContaining({ project, locationId: "us-central" })]);
        expect(d.ofType(APP)[0].protect).toBe(env === "prod");
    });

    test("deploys each app as a version from its archive, running as its own service account, with all traffic", async () => {
        const d = await deployService("gae", settings, env, ctx);
        const versions = d.inputsOf(VERSION);
        expect(versions.map(v => `${v.service}@${v.versionId} ${v.runtime}`).sort()).toEqual(["default@v1 python312", "testgrid@v2 go122"]);
        const gubernator = versions.find(v => v.service === "default")!;
        expect(gubernator.deployment.zip.sourceUrl).toBe("https://storage.googleapis.com/staging.k8s-infra-dashboards.appspot.com/gubernator/v1.zip");
        expect(gubernator.instanceClass).toBe("F2");
        expect(gubernator.serviceAccount).toBe(`gae-gubernator${stg}@${project}.iam.gserviceaccount.com`);
        for (const v of versions) {
            expect(v.project).toBe(project);
            expect(v.deleteServiceOnDestroy).toBe(false);
            expect(v.noopOnDestroy).toBe(env === "prod");
        }
        expect(d.inputsOf(SPLIT).map(s => `${s.service} ${JSON.stringify(s.split.allocations)}`).sort()).toEqual(['default {"v1":"1"}', 'testgrid {"v2":"1"}']);
        const accounts = d.inputsOf(SA).map(a => a.accountId).sort();
        expect(accounts).toEqual([`gae-gubernator${stg}`, `gae-testgrid${stg}`]);
        for (const a of accounts) expect(checkName("serviceAccount", a, env)).toBeUndefined();
        expect(d.ofType("gcp:serviceaccount/key:Key")).toHaveLength(0);
    });

    test("the default service is deployed first, and the others wait for it, whatever the config's order", async () => {
        const d = await deployService("gae", { ...settings, apps: [...settings.apps].reverse() }, env, ctx);
        const [first, second] = d.ofType(VERSION);
        expect(first.inputs.toJavaScript().service).toBe("default");
        expect(second.dependencies).toContain(first.urn);
    });

    test("dispatches each app's domain to its service", async () => {
        const d = await deployService("gae", settings, env, ctx);
        expect(d.inputsOf(DISPATCH)).toEqual([expect.objectContaining({
            project,
            dispatchRules: [
                { domain: "gubernator.k8s.io", path: "/*", service: "default" },
                { domain: "testgrid.k8s.io", path: "/*", service: "testgrid" },
            ],
        })]);
    });

    test("grants: the owners group deploys and acts as the runtime accounts; nothing to users or the public", async () => {
        const d = await deployService("gae", settings, env, ctx);
        const owners = `group:k8s-infra-prow-owners${stg}@kubernetes.io`;
        const grants = d.resources.filter(r => IAM_TYPE.test(r.type)).map(r => r.inputs.toJavaScript() as Record<string, string>);
        expect(grants.map(g => `${g.role} ${g.member}`).sort()).toEqual([
            `roles/appengine.deployer ${owners}`,
            `roles/iam.serviceAccountUser ${owners}`,
            `roles/iam.serviceAccountUser ${owners}`,
        ]);
    });

    test("exports the runtime service accounts", async () => {
        const d = await deployService("gae", settings, env, ctx);
        expect(d.exports).toEqual({ serviceAccounts: {
            "gae-gubernator": `gae-gubernator${stg}@${project}.iam.gserviceaccount.com`,
            "gae-testgrid": `gae-testgrid${stg}@${project}.iam.gserviceaccount.com`,
        } });
    });
});

describe("config", () => {
    const base = { project: "k8s-infra-dashboards", location: "us-central", defaultService: "gubernator", apps: [app("gubernator")] };
    const messages = (input: object) => {
        const result = GaeConfig.safeParse(input);
        expect(result.success).toBe(false);
        return result.error!.issues.map(i => i.message).join("\n");
    };

    test("accepts the base config", () => {
        expect(GaeConfig.safeParse(base).success).toBe(true);
    });

    test.each([
        ["the Compute Engine name of App Engine's region", { ...base, location: "us-central1" }, /App Engine calls this region us-central/],
        ["a default service that is not an app", { ...base, defaultService: "testgrid" }, /names no app/],
        ["an app named default", { ...base, defaultService: "default", apps: [app("default")] }, /reserved/],
        ["a source that is not a gs:// zip", { ...base, apps: [app("gubernator", { source: "https://example.com/app.zip" })] }, /gs:\/\/<bucket>\/<path>\.zip/],
        ["one domain for two apps", { ...base, apps: [app("gubernator", { domain: "a.k8s.io" }), app("testgrid", { domain: "a.k8s.io" })] }, /same domain .* as \[0\]/],
        ["an app name too long for its service account", { ...base, defaultService: "x", apps: [app("a-very-long-application-name")] }, /must fit in 30/],
    ])("rejects %s", (_what, input, message) => {
        expect(messages(input)).toMatch(message);
    });
});
