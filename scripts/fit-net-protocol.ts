// Prints the per-generation fit of the network all-reduce protocol term (src/hw/fit-net-protocol.ts) and how it
// checks on the Hopper sweeps no fit reads. The shipped constants live in src/hw/collective-efficiency.ts; a test
// fails when they differ from this fit. Run: npm run calibrate:net
import {
  AMPERE_SWEEPS,
  fitNetProtocol,
  HOPPER_CHECK_SWEEPS,
  HOPPER_SWEEPS,
} from "../src/hw/fit-net-protocol.ts";

for (const [name, sweeps] of [
  ["nvidia-ampere", AMPERE_SWEEPS],
  ["nvidia-hopper", HOPPER_SWEEPS],
] as const) {
  const fit = fitNetProtocol(sweeps);
  console.log(
    `${name}: netProtocolUs ${fit.us}, netProtocolHalfBytes ${Math.round(fit.halfBytes)} ` +
      `(sum of squared log errors ${fit.lossWithout.toFixed(2)} -> ${fit.loss.toFixed(2)}, ${sweeps.map((s) => s.id).join(", ")})`,
  );
}
console.log(`not fitted (checks): ${HOPPER_CHECK_SWEEPS.map((s) => s.id).join(", ")}`);
