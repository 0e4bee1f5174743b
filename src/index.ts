/** fleetcast's library entry. Importing it runs nothing. */
export { FleetcastError, isFleetcastError } from "./errors.ts";
