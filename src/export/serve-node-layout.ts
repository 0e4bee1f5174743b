import { FleetcastError } from "../errors.ts";
import type { ServeLauncher } from "./serve-launch.ts";

/** The data-parallel ranks and devices one node of an instance runs. */
export interface ServeNodeSlot {
  node: number;
  dpStartRank: number;
  dpLocalRanks: number;
  devices: number;
}

/** How one instance's data-parallel ranks are laid over nodes. */
export interface ServeNodeLayout {
  launcher: ServeLauncher;
  /** Nodes the instance spans. */
  nodes: number;
  /** One slot per command to run: every node for `data-parallel-nodes`, node 0 alone otherwise. */
  slots: ServeNodeSlot[];
}

/**
 * Lays one instance (dp ranks of tp x pp devices each) over nodes of `devicesPerNode` devices. An instance that fits
 * a node is one command. Wider ones follow vLLM's "Data Parallel Deployment" docs (internal load balancing over
 * nodes): each node runs as many whole ranks as it holds (`--data-parallel-size-local`), filled in rank order, so
 * only the last node may run fewer. A single rank wider than a node (dp = 1) runs on a Ray cluster started over the
 * nodes, one command on its head (vLLM's distributed serving docs, multi-node-serving.sh).
 * @throws FleetcastError when ranks wider than a node are also data-parallel (vLLM's Ray data-parallel backend case,
 * not exported).
 */
export function serveNodeLayout(
  shape: { tp: number; pp: number; dpAttention: number },
  devicesPerNode: number,
): ServeNodeLayout {
  const perRank = shape.tp * shape.pp;
  const dp = shape.dpAttention;
  if (perRank * dp <= devicesPerNode) {
    return {
      launcher: "single-node",
      nodes: 1,
      slots: [{ node: 0, dpStartRank: 0, dpLocalRanks: dp, devices: perRank * dp }],
    };
  }
  if (perRank > devicesPerNode) {
    if (dp > 1) {
      throw new FleetcastError(
        `Cannot export dp=${dp} with tp·pp = ${perRank} devices per rank on nodes of ${devicesPerNode} devices: each data-parallel rank would span nodes (vLLM's Ray data-parallel backend, not exported)`,
        "dpAttention",
      );
    }
    return {
      launcher: "ray",
      nodes: Math.ceil(perRank / devicesPerNode),
      slots: [{ node: 0, dpStartRank: 0, dpLocalRanks: 1, devices: devicesPerNode }],
    };
  }
  const ranksPerNode = Math.floor(devicesPerNode / perRank);
  const nodes = Math.ceil(dp / ranksPerNode);
  const slots = Array.from({ length: nodes }, (_, node) => {
    const dpStartRank = node * ranksPerNode;
    const dpLocalRanks = Math.min(ranksPerNode, dp - dpStartRank);
    return { node, dpStartRank, dpLocalRanks, devices: dpLocalRanks * perRank };
  });
  return { launcher: "data-parallel-nodes", nodes, slots };
}
