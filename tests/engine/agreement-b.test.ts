// Engine agreement, second half of the corpus (see agreement.ts).
import { agreementTests } from "./agreement";

agreementTests(1, 2);
