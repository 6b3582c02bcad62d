// Entry point of the example consumer program (see consumer.ts).
import { consumer } from "./consumer";

export = consumer();
