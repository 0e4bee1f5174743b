import { describe, expect, it } from "vitest";
import { CATEGORICAL, categoryColors, FONT_PX, frame, marginForLabels } from "./_chart-style.ts";

describe("marginForLabels()", () => {
  it("marginForLabels() fits the measured width of the longest plan label (184 px at 11 px DejaVu Sans) plus the tick", () => {
    // review 19 A4: 6 px a character against labels drawn at 11 px cut "TP4 …" to "P4 …".
    // "TP4 PP2 DP256 EP64 mb1 ZeRO1": 184 px by canvas measureText in Chromium; the y axis's tick and padding: 9 px
    const plan = "TP4 PP2 DP256 EP64 mb1 ZeRO1";
    expect(marginForLabels([plan])).toBeGreaterThanOrEqual(184 + 9);
    // the longest label decides, wherever it is in the list
    expect(marginForLabels(["TP8", plan, "TP4 PP2"])).toBe(marginForLabels([plan]));
  });

  it("marginForLabels() keeps between 60 and 340 px", () => {
    expect(marginForLabels([])).toBe(60);
    expect(marginForLabels(["x".repeat(200)])).toBe(340);
  });
});

describe("frame()", () => {
  it("frame() draws at the font size the label margin assumes", () => {
    expect(frame({}, { height: 100 }).style).toMatchObject({ fontSize: `${FONT_PX}px` });
  });
});

describe("categoryColors()", () => {
  const colors = { weights: "#111111", logits: "#222222", reserve: "#333333" };
  const colorOf = (present: string[], category: string) => {
    const scale = categoryColors(present, colors);
    return scale.range[scale.domain.indexOf(category)];
  };

  it("categoryColors() gives a category the same colour whatever other categories are present", () => {
    // review 19 B4: "reserve" took the 5th colour beside H800's parts and the 6th beside 910C's (with "logits")
    expect(colorOf(["weights", "reserve"], "reserve")).toBe("#333333");
    expect(colorOf(["reserve", "logits", "weights"], "reserve")).toBe("#333333");
    expect(colorOf(["reserve"], "reserve")).toBe("#333333");
  });

  it("categoryColors() lists the known categories in the map's order and gives the others unused palette colours", () => {
    const scale = categoryColors(["other", "reserve", "weights", "other"], {
      weights: CATEGORICAL[0],
      reserve: CATEGORICAL[1],
    });
    expect(scale.domain).toEqual(["weights", "reserve", "other"]);
    expect(scale.range).toEqual([CATEGORICAL[0], CATEGORICAL[1], CATEGORICAL[2]]);
  });
});
