// Every policy in the pack, in the order they are documented.

import { Policies } from "@pulumi/policy";
import { maximalRepresentation, maximalRepresentationWaived, subprojectStaffing } from "./staffing";
import { noPlainTextContacts, ownerContactDetails, ownerContactDetailsStaging } from "./contacts";
import { ownerVetting } from "./vetting";
import { oncallEscalation } from "./oncall";
import { costAttributionLabels, resourceNaming } from "./naming";
import { bucketUniformAccess, iamGrantsToGroups, iamNoPrimitiveRoles, iamPublicReadOnly, noServiceAccountKeys } from "./access";
import { ciIdentityBoundaries } from "./ci";
import { imagesPromoterOnly } from "./registry";
import { statefulResourcesProtected } from "./protection";
import { stackOutputsContract } from "./outputs";
import { adoptExisting } from "./adoption";

export const policies: Policies = [
    subprojectStaffing,
    maximalRepresentation,
    maximalRepresentationWaived,
    ownerContactDetails,
    ownerContactDetailsStaging,
    noPlainTextContacts,
    ownerVetting,
    oncallEscalation,
    resourceNaming,
    costAttributionLabels,
    iamGrantsToGroups,
    iamNoPrimitiveRoles,
    iamPublicReadOnly,
    imagesPromoterOnly,
    noServiceAccountKeys,
    ciIdentityBoundaries,
    bucketUniformAccess,
    statefulResourcesProtected,
    stackOutputsContract,
    adoptExisting,
];
