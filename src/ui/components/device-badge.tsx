/** Where the engine runs — WebGPU fp16 / WebGPU fp32 / CPU — and, when slow, why in one line. */
import type { DeviceReport } from "../../contract/worker-protocol";
import { asSentence } from "./panel-text";

export function describeDevice(report: DeviceReport): { badge: string; slow: string | null } {
  if (report.backend === "webgpu") {
    return report.precision === "fp16"
      ? { badge: "WebGPU fp16", slow: null }
      : { badge: "WebGPU fp32", slow: "This GPU has no 16-bit float shaders: models run in fp32, slower and with twice the memory." };
  }
  const why = report.reasons[0] ? ` ${asSentence(report.reasons[0])}` : "";
  return { badge: "CPU", slow: `Running on the CPU: expect minutes per image.${why}` };
}

export function DeviceBadge({ report }: { report: DeviceReport | null }) {
  if (!report) return <p className="device">Checking the device…</p>;
  const { badge, slow } = describeDevice(report);
  return (
    <div className="device" data-testid="device">
      <span className={`badge badge-${report.backend}`} data-testid="device-badge">
        {badge}
      </span>
      {slow && <span className="device-note">{slow}</span>}
    </div>
  );
}
