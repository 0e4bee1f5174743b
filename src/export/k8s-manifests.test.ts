import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import {
  arch,
  chip,
  DEEPSEEK_V3_JOB,
  DEEPSEEK_V3_PLAN,
  LLAMA_70B_910B_JOB,
  LLAMA_70B_910B_PLAN,
} from "./_test-fixtures.ts";
import { k8sManifests, k8sServeManifests, k8sTrainManifests, manifestsToYaml } from "./k8s-manifests.ts";
import { megatronLaunch } from "./megatron-args.ts";
import { mindspeedLaunch } from "./mindspeed-args.ts";
import type { ServeInstanceConfig } from "./serve-instance-config.ts";
import { vllmAscendServeLaunch } from "./vllm-ascend-serve-args.ts";
import { vllmServeLaunch } from "./vllm-serve-args.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed manifests are walked by key in assertions
type Obj = Record<string, any>;

const LLAMA_8B_H100: ServeInstanceConfig = {
  model: { ...arch("llama-3.1-8b"), hfName: "meta-llama/Llama-3.1-8B-Instruct" },
  chipId: "nvidia-h100-sxm",
  vendor: "NVIDIA",
  tp: 1,
  pp: 1,
  ep: 1,
  dpAttention: 1,
  maxNumSeqs: 256,
  maxModelLen: 8192,
  precision: "bf16",
  replicas: 3,
};

function docs(yamlText: string): Obj[] {
  return parseAllDocuments(yamlText).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Obj;
  });
}

describe("k8sTrainManifests()", () => {
  it("gang-schedules DeepSeek-V3's 256 nodes as one Volcano Job with 8 nvidia.com/gpu per pod", () => {
    const [job] = docs(k8sManifests(megatronLaunch(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN), { name: "dsv3" }));
    expect(job?.apiVersion).toBe("batch.volcano.sh/v1alpha1");
    expect(job?.kind).toBe("Job");
    expect(job?.spec.schedulerName).toBe("volcano");
    expect(job?.spec.minAvailable).toBe(256);
    expect(job?.spec.tasks).toHaveLength(1);
    const task = job?.spec.tasks[0];
    expect(task.replicas).toBe(256);
    const container = task.template.spec.containers[0];
    expect(container.resources.limits).toEqual({ "nvidia.com/gpu": "8" });
    expect(container.resources.requests).toEqual({ "nvidia.com/gpu": "8" });
    expect(container.env).toContainEqual({ name: "MASTER_ADDR", value: "dsv3-worker-0.dsv3" });
    const script: string = container.command[2];
    expect(script).toContain("export NODE_RANK=$VC_TASK_INDEX");
    expect(script).toContain("torchrun \\\n  --nnodes 256 \\\n  --nproc-per-node 8");
    expect(Object.keys(job?.spec.plugins ?? {}).sort()).toEqual(["env", "svc"]);
  });

  it("asks Ascend nodes for huawei.com/Ascend910 devices, 16 per 910C node", () => {
    const b = k8sTrainManifests(mindspeedLaunch(LLAMA_70B_910B_JOB, LLAMA_70B_910B_PLAN))[0] as Obj;
    expect(b.spec.tasks[0].template.spec.containers[0].resources.limits).toEqual({
      "huawei.com/Ascend910": "8",
    });
    const c910 = { ...LLAMA_70B_910B_JOB, chip: chip("huawei-ascend-910c"), count: 32 };
    const c = k8sTrainManifests(mindspeedLaunch(c910, { ...LLAMA_70B_910B_PLAN, dp: 2 }))[0] as Obj;
    expect(c.spec.minAvailable).toBe(4);
    expect(c.spec.tasks[0].template.spec.containers[0].resources.limits).toEqual({
      "huawei.com/Ascend910": "16",
    });
  });

  it("refuses names that are not DNS labels", () => {
    const launch = megatronLaunch(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN);
    expect(() => k8sTrainManifests(launch, { name: "DeepSeek_V3" })).toThrow(
      /^Cannot export Kubernetes objects named/,
    );
  });
});

describe("k8sServeManifests()", () => {
  it("writes a Deployment and a Service per role with the instance's devices", () => {
    const objs = docs(k8sManifests(vllmServeLaunch(LLAMA_8B_H100), { name: "llama8b" }));
    expect(objs.map((o) => `${o.apiVersion}/${o.kind}`)).toEqual(["apps/v1/Deployment", "v1/Service"]);
    const [deployment, service] = objs as [Obj, Obj];
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    expect(deployment.spec.template.spec.containers[0].resources.limits).toEqual({ "nvidia.com/gpu": "1" });
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(service.spec.ports[0].port).toBe(8000);
  });

  it("splits disaggregated serving into prefill and decode Deployments on Ascend", () => {
    const inst: ServeInstanceConfig = {
      ...LLAMA_8B_H100,
      chipId: "huawei-ascend-910b3",
      vendor: "Huawei",
      tp: 2,
      disaggregation: { prefillInstances: 1, decodeInstances: 2 },
      replicas: 2,
    };
    const objs = k8sServeManifests(vllmAscendServeLaunch(inst), { name: "pd" }) as Obj[];
    const deployments = objs.filter((o) => o.kind === "Deployment");
    expect(deployments.map((d) => [d.metadata.name, d.spec.replicas])).toEqual([
      ["pd-prefill", 2],
      ["pd-decode", 4],
    ]);
    expect(deployments[0]?.spec.template.spec.containers[0].resources.limits).toEqual({
      "huawei.com/Ascend910": "2",
    });
  });

  it("asks each role's pods for that role's own devices", () => {
    const inst: ServeInstanceConfig = {
      ...LLAMA_8B_H100,
      tp: 2,
      disaggregation: {
        prefillInstances: 1,
        decodeInstances: 1,
        prefill: { tp: 8, pp: 1, ep: 1, dpAttention: 1, maxNumSeqs: 8 },
      },
    };
    const deployments = (k8sServeManifests(vllmServeLaunch(inst)) as Obj[]).filter(
      (o) => o.kind === "Deployment",
    );
    expect(
      deployments.map((d) => d.spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]),
    ).toEqual(["8", "2"]);
  });

  it("refuses a data-parallel instance laid over several nodes, even when told nodes are larger", () => {
    const wide = {
      ...LLAMA_8B_H100,
      model: { ...arch("deepseek-v3"), hfName: "x" },
      dpAttention: 16,
      ep: 16,
    };
    const launch = vllmServeLaunch(wide);
    expect(launch.roles[0]?.nodesPerInstance).toBe(2);
    expect(() => k8sServeManifests(launch, { devicesPerNode: 16 })).toThrow(
      /^Cannot export a Deployment for a 16-device instance: a pod cannot span nodes of 8 devices/,
    );
  });

  it("refuses an instance larger than a node", () => {
    const big = { ...LLAMA_8B_H100, model: { ...arch("llama-3.1-405b"), hfName: "x" }, tp: 16 };
    expect(() => k8sServeManifests(vllmServeLaunch(big))).toThrow(
      /^Cannot export a Deployment for a 16-device instance/,
    );
  });
});

describe("k8sManifests()", () => {
  it("heads the manifests with every advisory of the launch as YAML comments, the objects unchanged", () => {
    const launch = megatronLaunch(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN);
    const text = k8sManifests(launch, { name: "dsv3" });
    const head = text.slice(0, text.indexOf("apiVersion:")).split("\n").slice(0, -1);
    expect(head[0]).toBe("# Advisories of the megatron training launch:");
    for (const a of launch.advisories) {
      expect(head).toContain(`# - ${a.message}`);
      expect(head).toContain(`#   hint: ${a.hint}`);
    }
    expect(head).toContain("# - DualPipe (DeepSeek-V3 §3.2.1) is not a Megatron-LM schedule");
    expect(head.every((line) => line.startsWith("# "))).toBe(true);
    expect(docs(text)).toEqual(docs(manifestsToYaml(k8sTrainManifests(launch, { name: "dsv3" }))));
  });

  it("heads serving manifests with the serving launch's advisories", () => {
    const launch = vllmServeLaunch(LLAMA_8B_H100);
    launch.advisories.push({ code: "x", message: "a serving note", hint: "a hint" });
    const text = k8sManifests(launch);
    expect(text).toMatch(
      /^# Advisories of the vllm serving launch:\n(# .*\n)*# - a serving note\n# {3}hint: a hint\n/,
    );
    expect(docs(text).map((o) => o.kind)).toEqual(["Deployment", "Service"]);
  });
});
