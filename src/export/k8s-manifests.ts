import { stringify } from "yaml";
import { FleetcastError } from "../errors.ts";
import { acceleratorResourceName } from "./accelerator-resource.ts";
import { advisoryComments } from "./advisory-comments.ts";
import type { ServeLaunch } from "./serve-launch.ts";
import type { TrainLaunch } from "./train-launch.ts";

/** A Kubernetes object as plain data (camelCase keys, as the Kubernetes API spells them). */
export type K8sManifest = Record<string, unknown>;

export interface K8sOptions {
  /** Object name prefix (DNS-1123 label); defaults to "fleetcast-<engine>". */
  name?: string;
  namespace?: string;
  /** Container image with the engine installed; a placeholder by default. */
  image?: string;
  /** Volcano queue (training); Volcano's default queue is "default". */
  queue?: string;
  /** torchrun rendezvous port (training); torch.distributed's conventional default is 29500. */
  masterPort?: number;
  /** Devices one node offers (serving); default the launch's (8 chips x ranks per chip: 16 for a 910C node). */
  devicesPerNode?: number;
}

/** DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63 characters. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A Volcano gang-scheduled `batch.volcano.sh/v1alpha1` Job for a training launch: one pod per node, all of them
 * required at once (minAvailable = nodes), each asking for the node's accelerators and running torchrun with
 * NODE_RANK from Volcano's env plugin (VC_TASK_INDEX) and MASTER_ADDR = pod 0's hostname from the svc plugin
 * (`<job>-<task>-<index>.<job>`). Fields as in volcano-sh/volcano example/job-plugin.yaml.
 */
export function k8sTrainManifests(launch: TrainLaunch, options: K8sOptions = {}): K8sManifest[] {
  const name = objectName(options.name ?? `fleetcast-${launch.engine}`, 50); // hostnames add "-worker-NNNN"
  const resource = acceleratorResourceName(launch.chipFamily);
  const port = options.masterPort ?? 29500;
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/managed-by": "fleetcast" };
  const script = ["set -e", "export NODE_RANK=$VC_TASK_INDEX", launch.command].join("\n");
  const devices = String(launch.ranksPerNode);
  const pod = {
    metadata: { labels },
    spec: {
      restartPolicy: "Never",
      containers: [
        {
          name: "trainer",
          image: options.image ?? `REPLACE-with-a-${launch.engine}-image`,
          command: ["/bin/bash", "-c", script],
          env: [
            { name: "MASTER_ADDR", value: `${name}-worker-0.${name}` },
            { name: "MASTER_PORT", value: String(port) },
          ],
          ports: [{ name: "rendezvous", containerPort: port }],
          resources: { limits: { [resource]: devices }, requests: { [resource]: devices } },
          volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }],
        },
      ],
      // PyTorch data loaders and NCCL/HCCL share memory through /dev/shm; the container default (64 MiB) is too small.
      volumes: [{ name: "dshm", emptyDir: { medium: "Memory" } }],
    },
  };
  return [
    {
      apiVersion: "batch.volcano.sh/v1alpha1",
      kind: "Job",
      metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}), labels },
      spec: {
        schedulerName: "volcano",
        minAvailable: launch.nodes,
        queue: options.queue ?? "default",
        // A lost rank stalls every collective: restart the whole gang.
        policies: [
          { event: "PodEvicted", action: "RestartJob" },
          { event: "PodFailed", action: "RestartJob" },
        ],
        plugins: { env: [], svc: [] },
        tasks: [{ name: "worker", replicas: launch.nodes, template: pod }],
      },
    },
  ];
}

/**
 * An `apps/v1` Deployment and a `v1` Service per serving role (one for colocated serving, prefill and decode when
 * disaggregated): one pod per instance with the devices of that role's instance, vLLM's OpenAI server on `launch.port` and a
 * readiness probe on its /health endpoint.
 * @throws FleetcastError when one instance needs more devices than a node has (a pod cannot span nodes).
 */
export function k8sServeManifests(launch: ServeLaunch, options: K8sOptions = {}): K8sManifest[] {
  const base = objectName(options.name ?? `fleetcast-${launch.engine}`, 55);
  const perNode = options.devicesPerNode ?? launch.devicesPerNode;
  for (const role of launch.roles) {
    // A multi-node launch was laid out for smaller nodes than the option says: its commands are per node.
    const nodeDevices = role.nodesPerInstance > 1 ? Math.min(perNode, launch.devicesPerNode) : perNode;
    if (role.devicesPerInstance > nodeDevices) {
      throw new FleetcastError(
        `Cannot export a Deployment for a ${role.devicesPerInstance}-device instance: a pod cannot span nodes of ${nodeDevices} devices (use LeaderWorkerSet or Ray)`,
        "devices_per_node",
      );
    }
  }
  const resource = acceleratorResourceName(launch.chipFamily);
  const manifests: K8sManifest[] = [];
  for (const role of launch.roles) {
    const name = role.role === "both" ? base : `${base}-${role.role}`;
    const labels = {
      "app.kubernetes.io/name": name,
      "app.kubernetes.io/component": role.role,
      "app.kubernetes.io/managed-by": "fleetcast",
    };
    const meta = { name, ...(options.namespace ? { namespace: options.namespace } : {}), labels };
    manifests.push({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta,
      spec: {
        replicas: role.instances,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: "server",
                image: options.image ?? `REPLACE-with-a-${launch.engine}-image`,
                command: ["/bin/bash", "-c", role.command],
                ports: [{ name: "http", containerPort: launch.port }],
                resources: {
                  limits: { [resource]: String(role.devicesPerInstance) },
                  requests: { [resource]: String(role.devicesPerInstance) },
                },
                readinessProbe: {
                  httpGet: { path: "/health", port: "http" },
                  initialDelaySeconds: 60,
                  periodSeconds: 10,
                },
                volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }],
              },
            ],
            volumes: [{ name: "dshm", emptyDir: { medium: "Memory" } }],
          },
        },
      },
    });
    manifests.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: meta,
      spec: { selector: labels, ports: [{ name: "http", port: launch.port, targetPort: "http" }] },
    });
  }
  return manifests;
}

/**
 * The manifests of a training or serving launch as one multi-document YAML text, headed by the launch's advisories
 * as comments (what the engine cannot take as planned, what to add by hand).
 */
export function k8sManifests(launch: TrainLaunch | ServeLaunch, options: K8sOptions = {}): string {
  const serving = "roles" in launch;
  const manifests = serving ? k8sServeManifests(launch, options) : k8sTrainManifests(launch, options);
  const what = `${launch.engine} ${serving ? "serving" : "training"} launch`;
  return advisoryComments(what, launch.advisories) + manifestsToYaml(manifests);
}

/** Objects as YAML documents separated by "---" (the `yaml` package's stringify). */
export function manifestsToYaml(manifests: readonly K8sManifest[]): string {
  // No YAML anchors: every object written out in full, as kubectl users expect to read it.
  return manifests.map((m) => stringify(m, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n");
}

// --- internal ---

function objectName(name: string, maxLength: number): string {
  if (name.length > maxLength || !DNS_LABEL.test(name)) {
    throw new FleetcastError(
      `Cannot export Kubernetes objects named '${name}': use lowercase letters, digits and '-', at most ${maxLength} characters`,
      "name",
    );
  }
  return name;
}
