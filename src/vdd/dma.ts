// VDDRequestDMA, VDDQueryDMA and VDDSetDMA over the board's 8237 (src/hw/dma.ts): a VDD's
// device moves its data through a DMA channel the guest programmed with the real ports, and
// reads or changes the channel's registers as NTVDM's VDD_DMA_INFO shows them.
import type { Dma8237 } from '../hw/dma';
import { DMA_CHANNELS } from '../hw/dma';

/** VDD_DMA_INFO: the channel's current address, count and page, the controller's status byte,
 *  the channel's mode byte and the mask register (bit n = channel n masked). */
export interface VddDmaInfo {
  addr: number;
  count: number;
  page: number;
  status: number;
  mode: number;
  mask: number;
}

/** VDDSetDMA's fDMA bits: which fields of the info to write. */
export const VDD_DMA = { ADDR: 0x01, COUNT: 0x02, PAGE: 0x04, STATUS: 0x08, ALL: 0x0f } as const;

export function validChannel(channel: number): boolean {
  return Number.isInteger(channel) && channel >= 0 && channel < DMA_CHANNELS;
}

export function queryDma(dma: Dma8237, channel: number): VddDmaInfo {
  const c = dma.channels[channel];
  let mask = 0;
  for (let i = 0; i < DMA_CHANNELS; i++) if (dma.channels[i].masked) mask |= 1 << i;
  return { addr: c.address, count: c.count, page: c.page, status: dma.status, mode: c.mode, mask };
}

export function setDma(dma: Dma8237, channel: number, fields: number, info: Partial<VddDmaInfo>): void {
  const c = dma.channels[channel];
  if (fields & VDD_DMA.ADDR) c.address = (info.addr ?? c.address) & 0xffff;
  if (fields & VDD_DMA.COUNT) c.count = (info.count ?? c.count) & 0xffff;
  if (fields & VDD_DMA.PAGE) c.page = (info.page ?? c.page) & 0x0f;
  if (fields & VDD_DMA.STATUS) dma.status = (info.status ?? dma.status) & 0xff;
}
