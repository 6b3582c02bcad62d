// An IAM member as written in stack config (group:..., serviceAccount:..., allUsers).

import { z } from "zod";

export const Member = z.string().regex(/^(user|group|serviceAccount|domain):[^\s:]+$|^(allUsers|allAuthenticatedUsers)$|^principal(Set)?:\/\/\S+$/,
    { message: "is not an IAM member (group:..., serviceAccount:..., user:..., domain:..., principalSet://..., allUsers)" });
