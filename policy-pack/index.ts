// The pack's entry file: the only place that constructs the PolicyPack (which
// starts a gRPC server). Policies are plain objects in policies/, grouped by area,
// so tests import them without starting anything.
// Run: pulumi preview --policy-pack policy-pack [--policy-pack-config config.json]

import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("k8s-infra-policies", { policies });
