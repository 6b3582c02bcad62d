// Engine agreement, first half of the corpus (see agreement.ts).
import { agreementTests } from "./agreement";

agreementTests(0, 2);
