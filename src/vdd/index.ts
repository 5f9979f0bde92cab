// The VDD bridge's public face: wiring (attachVdds, VddBridge), the types a plugin author writes
// against (VddModule, VddService and the hook shapes), the handle calls and the handle walk.
export { attachVdds, VddBridge, type VddBridgeOptions, type VddPluginLoader } from './bridge';
export { VddService, ACCESS, ICA, VDM_MODE, type VddDosHost } from './service';
export { REGISTER_ERROR, dllKey, type VddModule, type VddRoutine } from './registry';
export { VDD_BOP_FUNCTION } from './bop';
export { HANDLE_ERROR, VddUsageError, pdbPointer, pspOfPdb, type AllocatedHandle, type RetrievedHandle } from './handles';
export { portStringIn, portStringOut, type VddIoHandlers, type VddPortRange } from './io-hooks';
export { MEMORY_ACCESS, PAGE_SIZE, type VddMemoryHandler } from './memory-hooks';
export type { VddUserHook, VddUserHooks } from './user-hooks';
export { walkHandles, formatHandleWalk, traceHandlesOnTerminate, type HandleWalk, type HandleRecord, type SftRecord, type HostRecord } from './walk';
export { loadVddPlugin, vddModuleFromExports } from './plugin-loader';
export { MemoryHostObject } from './memory-object';
export { VddPluginError, type VddPhase } from './errors';
export type { HostObject } from '../dos/host-handles';
export { VDD_ERROR, type VddErrorCode } from './last-error';
export { mkFarPointer, readFarPointer, writeFarPointer, farToLinear, readString, writeString, errorToAX, type FarPointer } from './guest-data';
export { VDD_DMA, type VddDmaInfo } from './dma';
export { IRQ_ANY } from './irq-lines';
