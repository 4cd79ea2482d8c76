/**
 * DAP ids (frame ids, variable references) that live for one pause only.
 * The engine's own references die when the program resumes; handing the client our own numbers,
 * drawn from a counter that never restarts, lets a stale id be told apart from a bad one and
 * answered with a clear error instead of reaching into a different pause's values.
 */

/** What a variables reference stands for. */
export type VariableTarget =
  /** `evaluateName` is the expression that reads the value ('' for a scope); `frameId` the engine frame it came from. */
  | { kind: 'engine'; ref: number; evaluateName?: string; frameId?: number }
  /** An accessor not yet run: expanding it evaluates `evaluateName` in `frameId`. */
  | { kind: 'getter'; evaluateName: string; frameId?: number; name: string };

/** An id the client sent that belongs to an earlier pause (or to none). */
export class StaleReferenceError extends Error {
  override name = 'StaleReferenceError';
}

/** Pause-scoped tables mapping DAP ids to engine frame ids and variable targets. */
export class PauseReferences {
  // Never reset, so ids from an earlier pause are never reused for new values.
  private next = 1;
  private frames = new Map<number, number>();
  private variables = new Map<number, VariableTarget>();
  private firstOfPause = 1;

  /** Forgets every id; called whenever the program resumes. */
  invalidate(): void {
    this.frames.clear();
    this.variables.clear();
    this.firstOfPause = this.next;
  }

  /** A DAP frame id for an engine frame id. */
  frameId(engineFrameId: number): number {
    for (const [id, engineId] of this.frames) if (engineId === engineFrameId) return id;
    const id = this.issue();
    this.frames.set(id, engineFrameId);
    return id;
  }

  /** A DAP variables reference for a target. */
  variableRef(target: VariableTarget): number {
    const id = this.issue();
    this.variables.set(id, target);
    return id;
  }

  /** The engine frame id behind a DAP frame id; throws on stale or unknown ids. */
  engineFrame(id: number): number {
    const found = this.frames.get(id);
    if (found === undefined) throw new StaleReferenceError(this.explain('frame', id));
    return found;
  }

  /** The target behind a DAP variables reference; throws on stale or unknown ids. */
  variable(id: number): VariableTarget {
    const found = this.variables.get(id);
    if (found === undefined) throw new StaleReferenceError(this.explain('variables reference', id));
    return found;
  }

  private issue(): number {
    return this.next++;
  }

  private explain(what: string, id: number): string {
    if (Number.isInteger(id) && id >= 1 && id < this.firstOfPause) {
      return `${what} ${id} is no longer valid: the program resumed since it was issued; request the stack again`;
    }
    return `unknown ${what} ${JSON.stringify(id)}: it was never issued in this pause`;
  }
}
