"use client";
import { useEffect } from "react";
import * as main from "cloudcerts";
import * as sign from "cloudcerts/sign";
import { start } from "../../shared/app.js";

// The consumer page of tests/consumers/apps/shared/app.js, as a client component that calls the
// package only in the browser (in an effect).
export default function Console() {
  useEffect(() => start(main, sign, document), []);
  return (
    <>
      <textarea id="pem" />
      <button id="inspect">Inspect</button>
      <pre id="out" />
    </>
  );
}
