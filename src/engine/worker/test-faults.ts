/**
 * Faults a test may inject (init with allowTestFaults): a lost GPU device right after a given
 * step, to walk the fallback chain for real; an allocation failure after a step, to walk the
 * memory-pressure path (release what else is loaded, run again) without exhausting the machine.
 */
import type { TestFault } from "../../contract/worker-protocol";
import { InvalidInputError, OutOfMemoryError } from "../errors";
import type { DeviceBackends } from "./device-backends";

export class TestFaults {
  private pending: TestFault | null = null;

  constructor(private readonly devices: DeviceBackends) {}

  accept(fault: TestFault): void {
    if (!this.devices.initOptions.allowTestFaults) throw new InvalidInputError("Test faults are disabled (init with allowTestFaults: true in tests only).");
    if (fault.kind === "device-lost" && !this.devices.device?.gpu) throw new InvalidInputError("A device-lost fault needs the WebGPU backend.");
    this.pending = fault;
  }

  /** Called after each step's event. */
  afterStep(step: number): void {
    const fault = this.pending;
    const monitor = this.devices.device?.gpu?.monitor;
    if (fault?.kind === "device-lost" && step >= fault.afterStep && monitor) {
      this.pending = null;
      monitor.destroyForTest();
    }
    if (fault?.kind === "out-of-memory" && "afterStep" in fault && step >= fault.afterStep) {
      this.pending = null;
      throw this.outOfMemory("unet/model.onnx");
    }
  }

  /** Called as a segment or remove request starts its work. */
  beforeRequest(type: "segment" | "remove"): void {
    const fault = this.pending;
    if (fault?.kind === "out-of-memory" && "on" in fault && fault.on === type) {
      this.pending = null;
      throw this.outOfMemory(type === "segment" ? "the segmentation encoder" : "the removal model");
    }
  }

  private outOfMemory(file: string): OutOfMemoryError {
    const device = this.devices.device?.report.backend === "webgpu" ? "gpu" : "cpu";
    return new OutOfMemoryError(device, file, "an allocation failure injected by a test");
  }
}
