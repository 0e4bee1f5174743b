/** Where a node finds the rendezvous; the values are shell variables the Kubernetes manifests set per pod. */
export const NODE_RANK_VAR = "$NODE_RANK";
export const MASTER_ADDR_VAR = "$MASTER_ADDR";
export const MASTER_PORT_VAR = "$MASTER_PORT";

/**
 * torchrun's static-rendezvous arguments (PyTorch docs, "torchrun (Elastic Launch)",
 * https://docs.pytorch.org/docs/stable/elastic/run.html): --nnodes, --nproc-per-node, and on multi-node runs
 * --node-rank, --master-addr, --master-port read from the environment of each node.
 */
export function torchrunArgs(nodes: number, procsPerNode: number): string[] {
  const args = ["--nnodes", String(nodes), "--nproc-per-node", String(procsPerNode)];
  if (nodes > 1) {
    args.push(
      "--node-rank",
      NODE_RANK_VAR,
      "--master-addr",
      MASTER_ADDR_VAR,
      "--master-port",
      MASTER_PORT_VAR,
    );
  }
  return args;
}
