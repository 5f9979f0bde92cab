// The VDD bridge of one machine: the loaded VDD modules, their services, the BOP 58h/FEh doors
// and the hooks they install. `attachVdds(machine, dos, plugins)` is the one entry point for
// wiring; plugins are VddModule objects or paths to .ts/.js files (loaded by src/host).
import { faultAt, type Board } from '../hw/board';
import { VddPluginError, type VddPhase } from './errors';
import { traceRegisters, traceResult, type VddTrace } from './trace';
import { installVddBops } from './bop';
import { adapterArea, MemoryHooks, type MemoryHookLimits } from './memory-hooks';
import { DEFAULT_MAX_REGISTRATIONS, VddRegistry, type LoadedVdd, type VddModule } from './registry';
import { VddService, type VddContext, type VddDosHost } from './service';
import { DEFAULT_SIMULATE_LIMIT, Simulator } from './simulate';
import { UserHookList } from './user-hooks';
import { currentPsp } from './dos-tables';
import { formatHandleWalk, walkHandles, type HandleWalk } from './walk';
import { InterruptSimulator } from './interrupts';
import { IrqLines } from './irq-lines';

export interface VddBridgeOptions {
  /** RegisterModule handles that may be live at once (one more answers error 4). Default 64. */
  maxRegistrations?: number;
  /** Instructions a single simulate16() may run before the run is ended as a fault. */
  simulateLimit?: number;
  /** Where memory hooks may go (default: the adapter area, top of conventional memory to EFFFFh). */
  memoryHookArea?: MemoryHookLimits;
  /** `--vdd-trace`: gets a line for every VDD BOP and every call into VDD code, with registers. */
  trace?: VddTrace;
}

export class VddBridge implements VddContext {
  readonly registry: VddRegistry;
  readonly memoryHooks: MemoryHooks;
  readonly userHooks = new UserHookList();
  readonly irqLines = new IrqLines();
  readonly simulator: Simulator;
  private readonly interrupts: InterruptSimulator;
  private readonly removeListener: (() => void) | null;
  /** Every exception VDD code threw during the run (the first one ended it). */
  readonly errors: VddPluginError[] = [];
  private readonly trace: VddTrace | null;

  constructor(
    readonly machine: Board,
    readonly dos: VddDosHost | null,
    options: VddBridgeOptions = {},
  ) {
    this.registry = new VddRegistry(options.maxRegistrations ?? DEFAULT_MAX_REGISTRATIONS);
    this.memoryHooks = new MemoryHooks(machine.cpu, options.memoryHookArea ?? adapterArea(machine.memoryKB));
    this.simulator = new Simulator(machine, options.simulateLimit ?? DEFAULT_SIMULATE_LIMIT);
    this.interrupts = new InterruptSimulator(machine.cpu);
    this.trace = options.trace ?? null;
    installVddBops(
      machine,
      this.registry,
      this.simulator,
      (what, vdd, fn) => this.guard(what.startsWith('init') ? 'init' : 'dispatch', vdd, what, fn, undefined),
      this.trace,
    );
    this.removeListener = dos
      ? dos.addProcessListener({
          onCreate: (psp) => this.userHooks.fire('create', psp),
          onTerminate: (psp) => this.userHooks.fire('terminate', psp),
        })
      : null;
  }

  /** Attaches a VDD module (the guest can then RegisterModule it by name) and calls its onAttach. */
  add(module: VddModule): VddService {
    const service = new VddService(this, module);
    const loaded: LoadedVdd = { module, service };
    this.registry.addModule(loaded);
    if (module.onAttach) {
      // DllMain(DLL_PROCESS_ATTACH) failing makes NTVDM refuse to start the VDM: no guest has
      // run yet, so this is the host's error (a VddPluginError), never a guest fault.
      try {
        module.onAttach(service);
      } catch (err) {
        throw new VddPluginError(module.name, 'attach', 'onAttach', err);
      }
    }
    return service;
  }

  /** The service of an attached module, by DLL name. */
  service(dllName: string): VddService | undefined {
    return this.registry.findModule(dllName)?.service;
  }

  simulateInterrupt(controller: number, line: number, count: number): boolean {
    return this.interrupts.simulate(controller, line, count);
  }

  guard<T>(phase: VddPhase, vdd: string, what: string, fn: () => T, fallback: T): T {
    const trace = this.trace;
    if (trace) trace(`VDD ${vdd} ${phase}: ${what} <- ${traceRegisters(this.machine.cpu)}`);
    try {
      const result = fn();
      if (trace) trace(`VDD ${vdd} ${phase}: ${what} -> ${traceRegisters(this.machine.cpu)}${traceResult(result)}`);
      return result;
    } catch (err) {
      const e = new VddPluginError(vdd, phase, what, err);
      this.errors.push(e);
      if (trace) trace(`VDD ${vdd} ${phase}: ${what} threw`);
      const fault = faultAt(this.machine.cpu, e.headline);
      this.machine.terminate({ ...fault, message: e.pluginStack ? `${fault.message}\n${e.pluginStack}` : fault.message });
      return fallback;
    }
  }

  /** The host is suspending the VDM (vdm86 never does on its own): VDDs' block hooks fire. */
  block(): void {
    this.userHooks.fire('block', currentPsp(this.machine.mem));
  }

  /** The host is continuing the VDM after block(): VDDs' resume hooks fire. */
  resume(): void {
    this.userHooks.fire('resume', currentPsp(this.machine.mem));
  }

  /** The handle walk of `psp` (default: the current PSP), host objects resolved. */
  walk(psp?: number): HandleWalk {
    return walkHandles(this.machine, psp, this.dos?.hostHandles);
  }

  formatWalk(psp?: number): string {
    return formatHandleWalk(this.walk(psp));
  }

  /** Detaches every module (onDetach, then their hooks go) and gives BOP 58h/FEh back. */
  dispose(): void {
    for (const m of this.registry.allModules()) {
      if (m.module.onDetach) this.guard('detach', m.module.name, 'onDetach', () => m.module.onDetach!(m.service), undefined);
      m.service.removeAllHooks();
    }
    this.memoryHooks.dispose();
    this.removeListener?.();
  }
}

/** Loads a plugin file into a VddModule; by default ./plugin-loader (esbuild + src/host), loaded
 *  only when a path is given, so a machine with VddModule objects alone never touches either. */
export type VddPluginLoader = (path: string) => Promise<VddModule>;

/** Wires VDDs into a machine: each plugin is a VddModule or a path to a .ts/.js plugin file. */
export async function attachVdds(
  machine: Board,
  dos: VddDosHost | null,
  plugins: (string | VddModule)[],
  options: VddBridgeOptions & { loader?: VddPluginLoader } = {},
): Promise<VddBridge> {
  const load: VddPluginLoader = options.loader ?? (async (path) => (await import('./plugin-loader')).loadVddPlugin(path));
  const modules: VddModule[] = [];
  for (const p of plugins) modules.push(typeof p === 'string' ? await load(p) : p);
  const bridge = new VddBridge(machine, dos, options);
  for (const m of modules) bridge.add(m);
  return bridge;
}
