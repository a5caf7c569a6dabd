import * as main from "cloudcerts";
import * as sign from "cloudcerts/sign";
import { start } from "../../shared/app.js";

start(main, sign, document);
