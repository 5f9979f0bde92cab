export const VERSION = '0.1.0';
// The VDD bridge: attachVdds, the service API plugin authors write against, the handle walk (docs/vdd.md).
export * from './vdd';
