/**
 * Schema checks of the exported manifests against the Kubernetes OpenAPI schemas shipped (as compiled JSON-schema
 * validators) by the npm package kubernetes-models@5.1.0 (Kubernetes 1.27 API). The package is not a dependency
 * yet: this file skips itself until `npm install --save-dev kubernetes-models@5.1.0` makes it resolvable.
 * Volcano's Job is a CRD outside the core schemas, so its pod template is checked as a core PodTemplateSpec and
 * its top-level fields by hand (volcano-sh/volcano example/job-plugin.yaml; Volcano bus/v1alpha1 events and actions).
 */
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import {
  arch,
  DEEPSEEK_V3_JOB,
  DEEPSEEK_V3_PLAN,
  LLAMA_70B_910B_JOB,
  LLAMA_70B_910B_PLAN,
} from "./_test-fixtures.ts";
import { type K8sManifest, k8sManifests, k8sServeManifests, k8sTrainManifests } from "./k8s-manifests.ts";
import { megatronLaunch } from "./megatron-args.ts";
import { mindspeedLaunch } from "./mindspeed-args.ts";
import { vllmAscendServeLaunch } from "./vllm-ascend-serve-args.ts";
import { vllmServeLaunch } from "./vllm-serve-args.ts";

type ModelClass = new (data: unknown) => { validate(): void };

const PACKAGE = "kubernetes-models";

async function modelClass(path: string, exportName: string): Promise<ModelClass | undefined> {
  try {
    const mod = (await import(/* @vite-ignore */ `${PACKAGE}/${path}`)) as Record<string, unknown>;
    return mod[exportName] as ModelClass | undefined;
  } catch {
    return undefined;
  }
}

const Deployment = await modelClass("apps/v1/Deployment", "Deployment");
const Service = await modelClass("v1/Service", "Service");
const PodTemplateSpec = await modelClass("v1/PodTemplateSpec", "PodTemplateSpec");
const available = Deployment !== undefined && Service !== undefined && PodTemplateSpec !== undefined;

// biome-ignore lint/suspicious/noExplicitAny: parsed manifests are walked by key in assertions
type Obj = Record<string, any>;

const serveInstance = {
  model: { ...arch("deepseek-v3"), hfName: "deepseek-ai/DeepSeek-V3" },
  chipId: "nvidia-h200-sxm",
  vendor: "NVIDIA",
  tp: 8,
  pp: 1,
  ep: 8,
  dpAttention: 1,
  maxNumSeqs: 256,
  maxModelLen: 32768,
  precision: "fp8" as const,
  replicas: 2,
};

function validate(manifest: K8sManifest): void {
  const m = manifest as Obj;
  if (m.kind === "Deployment") new Deployment!(m).validate();
  else if (m.kind === "Service") new Service!(m).validate();
  else throw new Error(`no schema for ${m.apiVersion}/${m.kind}`);
}

/** Volcano's job-level events and actions (volcano.sh/apis pkg/apis/bus/v1alpha1). */
const VOLCANO_EVENTS = [
  "*",
  "PodPending",
  "PodRunning",
  "PodFailed",
  "PodEvicted",
  "Unknown",
  "TaskCompleted",
  "TaskFailed",
];
const VOLCANO_ACTIONS = [
  "AbortJob",
  "RestartJob",
  "RestartTask",
  "RestartPod",
  "TerminateJob",
  "CompleteJob",
  "ResumeJob",
];

function validateVolcanoJob(manifest: K8sManifest): void {
  const job = manifest as Obj;
  expect(job.apiVersion).toBe("batch.volcano.sh/v1alpha1");
  expect(job.kind).toBe("Job");
  expect(job.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  expect(Object.keys(job.spec).sort()).toEqual([
    "minAvailable",
    "plugins",
    "policies",
    "queue",
    "schedulerName",
    "tasks",
  ]);
  expect(job.spec.schedulerName).toBe("volcano");
  const replicas = (job.spec.tasks as Obj[]).reduce((n, t) => n + t.replicas, 0);
  expect(job.spec.minAvailable).toBe(replicas); // gang: every pod or none
  for (const p of job.spec.policies as Obj[]) {
    expect(VOLCANO_EVENTS).toContain(p.event);
    expect(VOLCANO_ACTIONS).toContain(p.action);
  }
  for (const task of job.spec.tasks as Obj[]) {
    expect(Number.isInteger(task.replicas) && task.replicas > 0).toBe(true);
    new PodTemplateSpec!(task.template).validate();
  }
}

describe.skipIf(!available)("Kubernetes schemas (kubernetes-models@5.1.0)", () => {
  it("k8sServeManifests() output validates as apps/v1 Deployment and v1 Service", () => {
    const manifests = [
      ...k8sServeManifests(vllmServeLaunch(serveInstance)),
      ...k8sServeManifests(
        vllmAscendServeLaunch({
          ...serveInstance,
          chipId: "huawei-ascend-910c",
          vendor: "Huawei",
          tp: 4,
          dpAttention: 4,
          ep: 16,
          precision: "int8",
          disaggregation: { prefillInstances: 1, decodeInstances: 1 },
        }),
      ),
    ];
    expect(manifests).toHaveLength(6);
    for (const m of manifests) validate(m);
  });

  it("k8sTrainManifests() output has a valid core PodTemplateSpec and Volcano's top-level fields", () => {
    validateVolcanoJob(k8sTrainManifests(megatronLaunch(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN))[0]!);
    validateVolcanoJob(k8sTrainManifests(mindspeedLaunch(LLAMA_70B_910B_JOB, LLAMA_70B_910B_PLAN))[0]!);
  });

  it("k8sManifests() text, headed by the advisories as comments, parses back to manifests that validate", () => {
    const train = megatronLaunch(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN);
    const serve = vllmServeLaunch(serveInstance);
    serve.advisories.push({ code: "x", message: "a note: with a colon\nand a line break", hint: "# a hash" });
    for (const launch of [train, serve]) {
      const text = k8sManifests(launch);
      expect(text.startsWith("# Advisories of the ")).toBe(true);
      const parsed = parseAllDocuments(text).map((d) => {
        expect(d.errors).toEqual([]);
        return d.toJS() as K8sManifest;
      });
      expect(parsed.length).toBeGreaterThan(0);
      for (const m of parsed) {
        if ((m as Obj).kind === "Job") validateVolcanoJob(m);
        else validate(m);
      }
    }
  });

  it("the validator rejects a broken manifest (the check can fail)", () => {
    const [deployment] = k8sServeManifests(vllmServeLaunch(serveInstance)) as Obj[];
    expect(() => validate({ ...deployment, spec: { ...deployment!.spec, replicas: "two" } })).toThrow();
  });
});
