// The Cloud Armor rules in front of registry.k8s.io (k8s.io:
// infra/gcp/terraform/modules/oci-proxy/cloud-armor.tf). First, a request for a path
// the registry does not serve is refused at the edge with 404, before it reaches
// (and costs) a redirector; last, the default rule lets each client IP through up to
// a rate, then answers 429 for the rest of the window, below the per-user limit of
// the images repositories behind it.

import type * as gcp from "@pulumi/gcp";
import type { RedirectorConfig } from "../../model/service-config/gcr";

/** The name k8s.io gives the policy. */
export const SECURITY_POLICY_NAME = "security-policy-oci-proxy";

/**
 * What the registry serves: its home and privacy redirects, the OCI ping, blobs,
 * manifests and tag lists (distribution-spec endpoints), and the token endpoint.
 * Artifact Registry has no referrers API, so neither does this.
 */
export const SERVED_PATHS = "^/$|^/privacy$|^/token$|^/v2/?$|^/v2/.+/blobs/.+$|^/v2/.+/manifests/.+$|^/v2/.*tags/list$";

/** The lowest priority: Cloud Armor's default rule. */
const DEFAULT_RULE_PRIORITY = 2147483647;

export function securityPolicyRules(rateLimit: RedirectorConfig["rateLimit"]): gcp.types.input.compute.SecurityPolicyRule[] {
    return [
        {
            action: "deny(404)",
            priority: 1,
            description: "Block invalid request paths.",
            match: { expr: { expression: `!request.path.matches('${SERVED_PATHS}')` } },
        },
        {
            action: "throttle",
            priority: DEFAULT_RULE_PRIORITY,
            description: "Default rule. Limit excessive usage.",
            match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
            rateLimitOptions: {
                conformAction: "allow",
                exceedAction: "deny(429)",
                enforceOnKey: "IP",
                rateLimitThreshold: { count: rateLimit.count, intervalSec: rateLimit.intervalSec },
            },
        },
    ];
}
