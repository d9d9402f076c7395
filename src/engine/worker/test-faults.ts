/**
 * Faults a browser test may inject (init with allowTestFaults): a lost GPU device right after a
 * given step, to walk the fallback chain for real.
 */
import type { TestFault } from "../../contract/worker-protocol";
import { InvalidInputError } from "../errors";
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
  }
}
